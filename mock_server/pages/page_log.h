// What a page said and what it failed to load, for describe(): its console (messages, uncaught exceptions,
// dialogs, the mock's own remarks) and its load errors, the last Pages.ConsoleLines of each. Written from any
// thread (mostly the DevTools reader); its lock guards only its two lists.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace rtc::pages {

class PageLog {
  public:
    explicit PageLog(std::size_t lines) : lines_(lines) {}

    // time_ms: the browser's timestamp, shown when > 0.
    void console(const std::string& kind, const std::string& text, double time_ms = 0);
    void load_error(const std::string& kind, const std::string& text, double time_ms = 0);
    // Runtime.consoleAPICalled, Runtime.exceptionThrown and Log.entryAdded are kept; returns the line the
    // task's events get (console.error, uncaught exception, load error), if any. Ignores other events.
    std::optional<std::string> on_event(const std::string& method, const nlohmann::json& params);
    // "Console" and "LoadErrors" of the page's describe().
    void describe(nlohmann::json& j) const;

  private:
    void keep(std::deque<nlohmann::json>& log, const std::string& kind, const std::string& text,
              double time_ms);  // mu_ held

    const std::size_t lines_;
    mutable std::mutex mu_;
    std::deque<nlohmann::json> console_;
    std::deque<nlohmann::json> load_errors_;
};

}  // namespace rtc::pages
