#include "pages/page_log.h"

namespace rtc::pages {

namespace {

constexpr std::size_t kMaxLogText = 500;

std::string clip(std::string s) {
    if (s.size() > kMaxLogText) s = s.substr(0, kMaxLogText) + "...";
    return s;
}

// A console argument as the console shows it: strings bare, everything else by its description.
std::string console_text(const nlohmann::json& args) {
    std::string out;
    if (!args.is_array()) return out;
    for (const auto& a : args) {
        if (!out.empty()) out += ' ';
        auto v = a.find("value");
        if (v != a.end())
            out += v->is_string() ? v->get<std::string>() : v->dump();
        else
            out += a.value("description", a.value("type", std::string("?")));
    }
    return out;
}

}  // namespace

void PageLog::keep(std::deque<nlohmann::json>& log, const std::string& kind, const std::string& text,
                   double time_ms) {
    nlohmann::json entry = {{"Kind", kind}, {"Text", clip(text)}};
    if (time_ms > 0) entry["TimeMs"] = static_cast<std::int64_t>(time_ms);
    log.push_back(std::move(entry));
    while (log.size() > lines_) log.pop_front();
}

void PageLog::console(const std::string& kind, const std::string& text, double time_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    keep(console_, kind, text, time_ms);
}

void PageLog::load_error(const std::string& kind, const std::string& text, double time_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    keep(load_errors_, kind, text, time_ms);
}

std::optional<std::string> PageLog::on_event(const std::string& method, const nlohmann::json& params) {
    if (method == "Runtime.consoleAPICalled") {
        const std::string type = params.value("type", "log");
        const std::string text = console_text(params.value("args", nlohmann::json::array()));
        console(type, text, params.value("timestamp", 0.0));
        if (type == "error" || type == "assert") return "console.error: " + clip(text);
    } else if (method == "Runtime.exceptionThrown") {
        const auto& d = params.value("exceptionDetails", nlohmann::json::object());
        const std::string text = d.value("exception", nlohmann::json::object())
                                     .value("description", d.value("text", std::string("exception")));
        console("exception", text, params.value("timestamp", 0.0));
        return "uncaught exception: " + clip(text);
    } else if (method == "Log.entryAdded") {
        const auto& e = params.value("entry", nlohmann::json::object());
        const std::string level = e.value("level", "info");
        std::string text = e.value("text", "");
        if (e.contains("url")) text += " " + e.value("url", "");
        if (level == "error" && e.value("source", "") == "network") {
            load_error("network", text, e.value("timestamp", 0.0));
            return "load error: " + clip(text);
        }
        console(level, text, e.value("timestamp", 0.0));
    }
    return std::nullopt;
}

void PageLog::describe(nlohmann::json& j) const {
    std::lock_guard<std::mutex> lock(mu_);
    j["Console"] = nlohmann::json(console_);
    j["LoadErrors"] = nlohmann::json(load_errors_);
}

}  // namespace rtc::pages
