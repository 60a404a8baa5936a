// The one browser of the mock and what the pages share of it: launched on first need and again after it died
// (on one long-lived thread, which PR_SET_PDEATHSIG ties the browser to), the routing of DevTools events to
// the page whose session they belong to, and the slots of Pages.MaxConcurrent (a page past them waits in
// line, first come first served, until one is free).
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/pages_settings.h"
#include "pages/browser_process.h"
#include "pages/cdp_connection.h"

namespace rtc::pages {

// What the host asks of a page it hosts (ChromiumPage): run on the thread the host gives it, hear its
// DevTools session's events, learn that the browser died, close.
class HostedPage {
  public:
    virtual ~HostedPage() = default;
    virtual void run() = 0;  // the page's thread
    virtual void on_event(const std::string& method,
                          const nlohmann::json& params) = 0;  // DevTools reader thread
    virtual void browser_died(const std::string& detail) = 0;
    virtual bool is_closed() const = 0;
    virtual void close() = 0;
};

// A running browser: its process and its DevTools connection.
struct Browser {
    std::uint64_t number = 0;  // 1, then one more per restart
    std::unique_ptr<BrowserProcess> process;
    std::unique_ptr<CdpConnection> cdp;
    std::string version;
};

class BrowserHost : public std::enable_shared_from_this<BrowserHost> {
  public:
    BrowserHost(PagesSettings settings, std::string browser_path);
    ~BrowserHost();
    BrowserHost(const BrowserHost&) = delete;
    BrowserHost& operator=(const BrowserHost&) = delete;

    const PagesSettings& settings() const { return settings_; }
    // The running browser, launched now if there is none; nullptr with `why` when it cannot start or the host
    // is shut down. Blocks up to Pages.LaunchTimeoutMs (callers: page threads and start-up).
    std::shared_ptr<Browser> browser(std::string* why);
    // Events of `session` (on `browser_number`) go to `page` until forget_session.
    void route_session(const std::string& session, std::uint64_t browser_number,
                       std::weak_ptr<HostedPage> page);
    void forget_session(const std::string& session);
    // A new page: its thread starts now if a slot is free, else when one frees (false: the host is shut
    // down).
    bool admit(const std::shared_ptr<HostedPage>& page);
    // A closed page leaves the line (if it was in it).
    void withdraw(const HostedPage* page);
    // Closes every page, closes the browser (SIGTERM grace, then its process group is killed) and waits for
    // the page threads. Idempotent.
    void shutdown();
    bool is_shut_down() const;

    // For the admin API, tests and measurements.
    pid_t browser_pid() const;
    std::uint64_t browser_launches() const;
    int pages_open() const;                              // pages holding a slot
    int pages_waiting() const;                           // pages in line for a slot
    int position_in_line(const HostedPage* page) const;  // 1 = next; 0 = not waiting

  private:
    void launcher_loop();
    void run_on_launcher(std::function<void()> job);
    std::shared_ptr<Browser> launch(std::string* why);  // launcher thread only
    void browser_closed(std::uint64_t number, const std::string& why);
    void route(std::uint64_t number, const std::string& session, const std::string& method,
               const nlohmann::json& params);
    void start_thread(const std::shared_ptr<HostedPage>& page);  // mu_ held
    void thread_done(const std::shared_ptr<HostedPage>& page);

    const PagesSettings settings_;
    const std::string browser_path_;

    mutable std::mutex mu_;
    std::condition_variable cv_;  // page threads ending, launcher jobs
    bool shut_ = false;
    std::shared_ptr<Browser> browser_;
    std::uint64_t launches_ = 0;
    struct Route {
        std::uint64_t browser = 0;
        std::weak_ptr<HostedPage> page;
    };
    std::map<std::string, Route> sessions_;
    std::deque<std::shared_ptr<HostedPage>> waiting_;
    std::map<const HostedPage*, std::weak_ptr<HostedPage>> running_;  // pages with a slot and a thread
    int threads_ = 0;
    std::deque<std::function<void()>> jobs_;
    bool launcher_stop_ = false;
    std::thread launcher_;
};

}  // namespace rtc::pages
