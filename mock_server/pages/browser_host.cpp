#include "pages/browser_host.h"

#include <chrono>
#include <future>

#include "pages/host_rules.h"

namespace rtc::pages {

namespace {
constexpr int kCloseGraceMs = 2000;    // Browser.close, then the process group is killed
constexpr int kThreadsGraceMs = 5000;  // page threads end once the browser is gone; this only bounds it
}  // namespace

BrowserHost::BrowserHost(PagesSettings settings, std::string browser_path)
    : settings_(std::move(settings)), browser_path_(std::move(browser_path)) {
    launcher_ = std::thread([this] { launcher_loop(); });
}

BrowserHost::~BrowserHost() {
    shutdown();
}

void BrowserHost::launcher_loop() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [&] { return !jobs_.empty() || launcher_stop_; });
            if (jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
}

void BrowserHost::run_on_launcher(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
    cv_.notify_all();
}

std::shared_ptr<Browser> BrowserHost::browser(std::string* why) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (shut_) {
            if (why) *why = "the page source is shut down";
            return nullptr;
        }
        if (browser_) return browser_;
    }
    auto result = std::make_shared<std::promise<std::pair<std::shared_ptr<Browser>, std::string>>>();
    auto answer = result->get_future();
    run_on_launcher([this, result] {
        std::string reason;
        auto b = launch(&reason);
        result->set_value({b, reason});
    });
    if (answer.wait_for(std::chrono::milliseconds(settings_.launch_timeout_ms + kCloseGraceMs)) !=
        std::future_status::ready) {
        if (why)
            *why = "the browser did not start within " + std::to_string(settings_.launch_timeout_ms) + " ms";
        return nullptr;
    }
    auto [b, reason] = answer.get();
    if (!b && why) *why = reason;
    return b;
}

std::shared_ptr<Browser> BrowserHost::launch(std::string* why) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (browser_) return browser_;  // launched for another page meanwhile
        if (shut_) {
            *why = "the page source is shut down";
            return nullptr;
        }
    }
    std::unique_ptr<BrowserProcess> process;
    try {
        process = BrowserProcess::launch(browser_path_, host_resolver_rules(settings_.allowed_hosts));
    } catch (const std::exception& e) {
        *why = std::string("cannot start ") + browser_path_ + ": " + e.what();
        return nullptr;
    }
    auto b = std::make_shared<Browser>();
    {
        std::lock_guard<std::mutex> lock(mu_);
        b->number = ++launches_;
    }
    const std::uint64_t number = b->number;
    const int to_fd = process->take_to_browser_fd();
    const int from_fd = process->take_from_browser_fd();
    b->process = std::move(process);
    b->cdp = std::make_unique<CdpConnection>(
        to_fd, from_fd,
        [this, number](const std::string& session, const std::string& method, const nlohmann::json& params) {
            route(number, session, method, params);
        },
        [this, number](const std::string& reason) {
            run_on_launcher([this, number, reason] { browser_closed(number, reason); });
        });
    try {
        auto v =
            b->cdp->call("Browser.getVersion", nlohmann::json::object(), "", settings_.launch_timeout_ms);
        b->version = v.value("product", "");
        // The browser opens a blank tab of its own; tasks get their own contexts, so it only costs a
        // renderer.
        auto targets =
            b->cdp->call("Target.getTargets", nlohmann::json::object(), "", settings_.call_timeout_ms);
        for (const auto& t : targets.value("targetInfos", nlohmann::json::array()))
            if (t.value("type", "") == "page")
                b->cdp->call_async("Target.closeTarget", {{"targetId", t.value("targetId", "")}}, "",
                                   settings_.call_timeout_ms, [](const nlohmann::json*, const CdpError*) {});
    } catch (const CdpError& e) {
        const std::string log = b->process->log_tail();
        b->cdp->stop();
        const std::string ended = b->process->terminate(0);
        *why = browser_path_ + " did not start (" + ended + "): " + e.what() +
               (log.empty() ? "" : "; its log: " + log);
        return nullptr;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (shut_) {
        *why = "the page source is shut down";
        b->cdp->stop();
        b->process->terminate(0);
        return nullptr;
    }
    browser_ = b;
    return b;
}

void BrowserHost::browser_closed(std::uint64_t number, const std::string& why) {
    std::shared_ptr<Browser> b;
    std::vector<std::shared_ptr<HostedPage>> pages;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!browser_ || browser_->number != number) return;  // already closed on purpose
        b = std::move(browser_);
        for (auto it = sessions_.begin(); it != sessions_.end();) {
            if (it->second.browser == number) {
                if (auto p = it->second.page.lock()) pages.push_back(p);
                it = sessions_.erase(it);
            } else {
                ++it;
            }
        }
    }
    b->cdp->stop();
    const std::string ended = b->process->terminate(0);
    // The next page to open launches a new browser: the lifecycle reschedules these tasks right away.
    for (auto& p : pages) p->browser_died("the browser exited (" + ended + "): " + why);
}

void BrowserHost::route(std::uint64_t number, const std::string& session, const std::string& method,
                        const nlohmann::json& params) {
    // A page session's events carry its sessionId; the browser's Target.detachedFromTarget names it.
    std::string key = session;
    if (key.empty()) {
        if (method != "Target.detachedFromTarget") return;
        key = params.value("sessionId", "");
    }
    std::shared_ptr<HostedPage> page;
    {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = sessions_.find(key);
        if (it == sessions_.end() || it->second.browser != number) return;
        page = it->second.page.lock();
    }
    if (page) page->on_event(method, params);
}

void BrowserHost::route_session(const std::string& session, std::uint64_t browser_number,
                                std::weak_ptr<HostedPage> page) {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_[session] = Route{browser_number, std::move(page)};
}

void BrowserHost::forget_session(const std::string& session) {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.erase(session);
}

bool BrowserHost::admit(const std::shared_ptr<HostedPage>& page) {
    std::lock_guard<std::mutex> lock(mu_);
    if (shut_) return false;
    if (static_cast<int>(running_.size()) < settings_.max_concurrent)
        start_thread(page);
    else
        waiting_.push_back(page);
    return true;
}

void BrowserHost::withdraw(const HostedPage* page) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = waiting_.begin(); it != waiting_.end(); ++it)
        if (it->get() == page) {
            waiting_.erase(it);
            return;
        }
}

void BrowserHost::start_thread(const std::shared_ptr<HostedPage>& page) {
    running_[page.get()] = page;
    ++threads_;
    auto self = shared_from_this();
    std::thread([self, page] {
        page->run();
        self->thread_done(page);
    }).detach();
}

void BrowserHost::thread_done(const std::shared_ptr<HostedPage>& page) {
    std::lock_guard<std::mutex> lock(mu_);
    running_.erase(page.get());
    --threads_;
    while (!shut_ && !waiting_.empty() && static_cast<int>(running_.size()) < settings_.max_concurrent) {
        auto next = std::move(waiting_.front());
        waiting_.pop_front();
        if (!next->is_closed()) start_thread(next);
    }
    cv_.notify_all();
}

void BrowserHost::shutdown() {
    std::vector<std::shared_ptr<HostedPage>> pages;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (shut_) return;
        shut_ = true;
        for (auto& p : waiting_) pages.push_back(p);
        waiting_.clear();
        for (auto& [ptr, weak] : running_)
            if (auto p = weak.lock()) pages.push_back(p);
    }
    for (auto& p : pages) p->close();
    // Close the browser from the launcher thread, the one it is tied to.
    std::promise<void> closed;
    run_on_launcher([this, &closed] {
        std::shared_ptr<Browser> b;
        {
            std::lock_guard<std::mutex> lock(mu_);
            b = std::move(browser_);
        }
        if (b) {
            try {
                b->cdp->call("Browser.close", nlohmann::json::object(), "", kCloseGraceMs);
            } catch (const CdpError&) {
                // it is killed below
            }
            b->cdp->stop();
            b->process->terminate(kCloseGraceMs);
        }
        closed.set_value();
    });
    closed.get_future().wait();
    {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, std::chrono::milliseconds(kThreadsGraceMs), [&] { return threads_ == 0; });
        launcher_stop_ = true;
        cv_.notify_all();
    }
    if (launcher_.joinable()) launcher_.join();
}

bool BrowserHost::is_shut_down() const {
    std::lock_guard<std::mutex> lock(mu_);
    return shut_;
}

pid_t BrowserHost::browser_pid() const {
    std::lock_guard<std::mutex> lock(mu_);
    return browser_ && browser_->process ? browser_->process->pid() : -1;
}

std::uint64_t BrowserHost::browser_launches() const {
    std::lock_guard<std::mutex> lock(mu_);
    return launches_;
}

int BrowserHost::pages_open() const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(running_.size());
}

int BrowserHost::pages_waiting() const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(waiting_.size());
}

int BrowserHost::position_in_line(const HostedPage* page) const {
    std::lock_guard<std::mutex> lock(mu_);
    for (std::size_t i = 0; i < waiting_.size(); ++i)
        if (waiting_[i].get() == page) return static_cast<int>(i) + 1;
    return 0;
}

}  // namespace rtc::pages
