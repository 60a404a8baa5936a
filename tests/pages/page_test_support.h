// What the real-page tests share: a listener that records what a page reports, synchronous probes, and the
// settings of a test browser.
#pragma once

#include <dirent.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/pages_settings.h"
#include "core/webcast/page_source.h"
#include "pages/chromium_pages.h"

namespace rtc::test {

// Records every report with the milliseconds since it was created.
class RecordingListener final : public webcast::PageListener {
  public:
    struct Report {
        std::string kind;  // start, end, first_frame, note, failed
        std::string text;  // note text, or "reason: detail"
        std::int64_t at_ms;
    };

    void start_called() override { add("start", ""); }
    void end_called() override { add("end", ""); }
    void first_frame() override { add("first_frame", ""); }
    void note(const std::string& text) override { add("note", text); }
    void failed(const std::string& reason, const std::string& detail) override {
        add("failed", reason + ": " + detail);
    }

    // The first report of `kind`, waiting up to timeout_ms for it.
    std::optional<Report> wait_for(const std::string& kind, int timeout_ms) {
        std::unique_lock<std::mutex> lock(mu_);
        std::optional<Report> found;
        cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
            for (const auto& r : reports_)
                if (r.kind == kind) {
                    found = r;
                    return true;
                }
            return false;
        });
        return found;
    }
    int count(const std::string& kind) const {
        std::lock_guard<std::mutex> lock(mu_);
        int n = 0;
        for (const auto& r : reports_) n += r.kind == kind;
        return n;
    }
    std::string all() const {
        std::lock_guard<std::mutex> lock(mu_);
        std::string s;
        for (const auto& r : reports_) s += std::to_string(r.at_ms) + " ms " + r.kind + " " + r.text + "\n";
        return s;
    }
    std::int64_t elapsed_ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                     began_)
            .count();
    }

  private:
    void add(const std::string& kind, const std::string& text) {
        std::lock_guard<std::mutex> lock(mu_);
        reports_.push_back(Report{kind, text, elapsed_ms()});
        cv_.notify_all();
    }

    const std::chrono::steady_clock::time_point began_ = std::chrono::steady_clock::now();
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Report> reports_;
};

inline webcast::ProbeResult probe_now(webcast::Page& page, webcast::PageCheck check) {
    auto answer = std::make_shared<std::promise<webcast::ProbeResult>>();
    auto got = answer->get_future();
    page.probe(check, [answer](webcast::ProbeResult r) { answer->set_value(std::move(r)); });
    if (got.wait_for(std::chrono::seconds(15)) != std::future_status::ready)
        return webcast::ProbeResult{false, "TEST: probe never answered"};
    return got.get();
}

inline PagesSettings test_settings() {
    PagesSettings s;
    s.renderer = Renderer::Chromium;
    s.crash_answer_ms = 1000;
    s.frame_timeout_ms = 2000;
    return s;
}

inline webcast::PageRequest page_request(const std::string& url, int width = 640, int height = 360,
                                         bool event_notify = false) {
    webcast::PageRequest r;
    r.key = webcast::TaskKey{"600000000000000000000000", "room", "task"};
    r.generation = 1;
    r.instance = 1;
    r.source_url = url;
    r.width = width;
    r.height = height;
    r.frame_rate = 15;
    r.event_notify = event_notify;
    return r;
}

// A page opened and capturing (begin_capture at once, as the lifecycle does without EnableEventNotify).
struct OpenPage {
    std::shared_ptr<RecordingListener> listener = std::make_shared<RecordingListener>();
    std::shared_ptr<webcast::Page> page;

    OpenPage(pages::ChromiumPages& source, const webcast::PageRequest& request, bool capture = true) {
        page = source.open(request, listener);
        if (capture) page->begin_capture(false);
    }
    ~OpenPage() {
        if (page) page->close();
    }
    // Waits for the first frame; says what the page reported and how it stands when none came.
    bool capturing(int timeout_ms = 15000) {
        if (listener->wait_for("first_frame", timeout_ms)) return true;
        std::fprintf(stderr, "no first frame; reports:\n%s%s\n", listener->all().c_str(),
                     page->describe().dump(2).c_str());
        return false;
    }
};

// Reads /proc: the processes of a process group that are still running (zombies excluded).
inline std::vector<int> live_processes_in_group(int pgid) {
    std::vector<int> out;
    if (pgid <= 0) return out;
    if (auto* dir = opendir("/proc")) {
        while (auto* e = readdir(dir)) {
            const int pid = std::atoi(e->d_name);
            if (pid <= 0) continue;
            FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
            if (!f) continue;
            char buf[1024] = {0};
            const std::size_t n = std::fread(buf, 1, sizeof(buf) - 1, f);
            std::fclose(f);
            // pid (comm) state ppid pgrp ...: comm may hold spaces, so parse after the last ')'.
            std::string stat(buf, n);
            auto close = stat.rfind(')');
            if (close == std::string::npos) continue;
            char state = 0;
            int ppid = 0, pgrp = 0;
            if (std::sscanf(stat.c_str() + close + 1, " %c %d %d", &state, &ppid, &pgrp) != 3) continue;
            if (pgrp == pgid && state != 'Z' && state != 'X') out.push_back(pid);
        }
        closedir(dir);
    }
    return out;
}

// Profile directories a mock with this pid left in the temporary directory.
inline int profiles_left_by(int pid) {
    int n = 0;
    const char* t = std::getenv("TMPDIR");
    if (auto* dir = opendir(t && *t ? t : "/tmp")) {
        const std::string prefix = "rtc-mock-chromium-" + std::to_string(pid) + "-";
        while (auto* e = readdir(dir)) n += std::string(e->d_name).rfind(prefix, 0) == 0;
        closedir(dir);
    }
    return n;
}

// Waits up to timeout_ms for a process group to have no running process.
inline bool group_gone(int pgid, int timeout_ms) {
    for (int waited = 0; waited <= timeout_ms; waited += 50) {
        if (live_processes_in_group(pgid).empty()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace rtc::test
