// rtc-pages-bench: what a real page costs (`--pages chromium`, docs/pages.md). For each count of pages it
// starts a fresh browser, measures it idle, opens that many copies of a fixture page (served on loopback),
// records the time from open to the first frame, then, while every page runs the three checks at their 2 s
// minimum, samples the browser's whole process group from /proc: CPU time and proportional memory (PSS).
//
//   rtc-pages-bench [--counts 1,2,4] [--page lively.html] [--seconds 10] [--width 1280] [--height 720]
//                   [--fps 15] [--record 0|1]
//
// --record 1 records each page (Pages.Record, docs/pages.md "Recordings"): the bench's own CPU (screenshot
// decoding, encoding) is the "own CPU %" column; "check ms" is how long the checks took to answer, to see
// whether recording delays them.
// With --tasks N it measures instead the time from StartWebcast to the first frame through the real binary:
// `rtc-mock --pages chromium` started once, N tasks one after the other, each read from the task's event log
// (Started -> FirstFrame, on the service's clock), then stopped.
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http/api_client.h"
#include "pages/chromium_pages.h"
#include "support/api_calls.h"
#include "support/mock_process.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Sample {
    double cpu_seconds = 0;  // user + system of every live process of the group
    double pss_mb = 0;
    int processes = 0;
};

Sample sample_group(int pgid) {
    Sample s;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    DIR* dir = opendir("/proc");
    if (!dir) return s;
    while (auto* e = readdir(dir)) {
        const int pid = std::atoi(e->d_name);
        if (pid <= 0) continue;
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        auto close = line.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream in(line.substr(close + 2));
        std::string state;
        long ppid, pgrp, session, tty, tpgid;
        unsigned long flags, minflt, cminflt, majflt, cmajflt, utime, stime;
        in >> state >> ppid >> pgrp >> session >> tty >> tpgid >> flags >> minflt >> cminflt >> majflt >>
            cmajflt >> utime >> stime;
        if (pgrp != pgid || state == "Z") continue;
        s.cpu_seconds += static_cast<double>(utime + stime) / tick;
        s.processes++;
        std::ifstream smaps("/proc/" + std::to_string(pid) + "/smaps_rollup");
        for (std::string l; std::getline(smaps, l);)
            if (l.rfind("Pss:", 0) == 0) s.pss_mb += std::atof(l.c_str() + 4) / 1024.0;
    }
    closedir(dir);
    return s;
}

// CPU seconds of this process (its page threads, the decoding of screenshots, the recordings' encoders).
double own_cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Listener final : rtc::webcast::PageListener {
    std::promise<void> first;
    bool got = false;
    void start_called() override {}
    void end_called() override {}
    void first_frame() override {
        if (!got) first.set_value();
        got = true;
    }
    void note(const std::string&) override {}
    void failed(const std::string& reason, const std::string& detail) override {
        std::fprintf(stderr, "page failed: %s: %s\n", reason.c_str(), detail.c_str());
    }
};

std::vector<int> parse_counts(const std::string& s) {
    std::vector<int> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');) out.push_back(std::atoi(item.c_str()));
    return out;
}

// StartWebcast -> first frame through rtc-mock, `tasks` times in a row on a warm browser.
int first_frame_through_mock(int tasks, const std::string& page_url) {
    rtc::test::MockProcess mock({"--pages", "chromium"});
    rtc::ApiClient api(mock.url(), {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""});
    httplib::Client admin(mock.url());
    std::vector<double> ms;
    for (int i = 0; i < tasks; ++i) {
        const std::string task = "ff" + std::to_string(i);
        auto call = rtc::test::start_webcast_call(task, "bench");
        call.params["SourceURL"] = page_url;
        auto reply = api.call(call, mock.now_ms());
        if (reply.http_status != 200 || !reply.error_code().empty()) {
            std::fprintf(stderr, "StartWebcast failed: %s\n", reply.body.c_str());
            return 1;
        }
        const std::string log = "/_mock/tasks/webcast/600000000000000000000000/bench/" + task + "/events";
        double started = -1, first = -1;
        for (int waited = 0; waited < 30000 && first < 0; waited += 5) {
            auto r = admin.Get(log.c_str());
            if (r && r->status == 200) {
                const auto events = nlohmann::json::parse(r->body);
                for (const auto& e : events["Events"]) {
                    if (e["Step"] == "Started") started = e["TimeMs"].get<double>();
                    if (e["Step"] == "FirstFrame") first = e["TimeMs"].get<double>();
                }
            }
            if (first < 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (first < 0) {
            std::fprintf(stderr, "no first frame for %s\n", task.c_str());
            return 1;
        }
        ms.push_back(first - started);
        auto stop = rtc::test::start_webcast_call(task, "bench");
        stop.action = "StopWebcast";
        stop.params = {{"AppId", "600000000000000000000000"}, {"RoomId", "bench"}, {"TaskId", task}};
        api.call(stop, mock.now_ms());
    }
    std::printf("StartWebcast -> first frame through rtc-mock --pages chromium, %d tasks in a row (ms):",
                tasks);
    for (double v : ms) std::printf(" %.0f", v);
    std::sort(ms.begin(), ms.end());
    std::printf("\nmedian %.0f ms, max %.0f ms\n", ms[ms.size() / 2], ms.back());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> counts = {1, 2, 4};
    std::string page = "lively.html";
    int seconds = 10, width = 1280, height = 720, tasks = 0, fps = 15;
    bool record = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--counts")
            counts = parse_counts(value);
        else if (flag == "--page")
            page = value;
        else if (flag == "--seconds")
            seconds = std::atoi(value.c_str());
        else if (flag == "--width")
            width = std::atoi(value.c_str());
        else if (flag == "--height")
            height = std::atoi(value.c_str());
        else if (flag == "--tasks")
            tasks = std::atoi(value.c_str());
        else if (flag == "--fps")
            fps = std::atoi(value.c_str());
        else if (flag == "--record")
            record = value == "1";
        else {
            std::fprintf(stderr,
                         "usage: rtc-pages-bench [--counts 1,2,4] [--page lively.html] [--seconds 10] "
                         "[--width 1280] [--height 720] [--fps 15] [--record 0|1] [--tasks N]\n");
            return 2;
        }
    }

    httplib::Server server;
    server.set_mount_point("/", std::string(RTC_SOURCE_DIR) + "/fixtures/pages");
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

    if (tasks > 0) {
        const int rc =
            first_frame_through_mock(tasks, "http://127.0.0.1:" + std::to_string(port) + "/" + page);
        server.stop();
        serving.join();
        return rc;
    }
    std::printf("page %s at %dx%d@%d%s, checks Freeze/Blank/Crash every 2 s, %d s per sample, %u cores\n",
                page.c_str(), width, height, fps, record ? " recorded" : "", seconds,
                std::thread::hardware_concurrency());
    std::printf("%6s %14s %14s %12s %14s %12s %12s %12s %14s\n", "pages", "first frame ms", "idle PSS MB",
                "PSS MB", "PSS MB / page", "CPU %", "CPU % / page", "own CPU %", "check ms max");
    for (int n : counts) {
        rtc::PagesSettings settings;
        settings.renderer = rtc::Renderer::Chromium;
        settings.max_concurrent = std::max(n, 1);
        settings.record = record;
        rtc::pages::ChromiumPages source(settings);
        source.start();
        std::this_thread::sleep_for(std::chrono::seconds(2));
        const int pgid = source.host().browser_pid();
        const Sample idle = sample_group(pgid);

        std::vector<std::shared_ptr<rtc::webcast::Page>> pages;
        std::vector<std::shared_ptr<Listener>> listeners;
        std::vector<double> first_ms;
        for (int i = 0; i < n; ++i) {
            rtc::webcast::PageRequest r;
            r.key = {"app", "room", "task" + std::to_string(i)};
            r.instance = 1;
            r.source_url = "http://127.0.0.1:" + std::to_string(port) + "/" + page;
            r.width = width;
            r.height = height;
            r.frame_rate = fps;
            auto l = std::make_shared<Listener>();
            auto first = l->first.get_future();
            const auto t0 = Clock::now();
            auto p = source.open(r, l);
            p->begin_capture(false);
            if (first.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
                std::fprintf(stderr, "no first frame\n");
                return 1;
            }
            first_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            pages.push_back(p);
            listeners.push_back(l);
        }
        std::this_thread::sleep_for(std::chrono::seconds(2));
        const Sample before = sample_group(pgid);
        const double own_before = own_cpu_seconds();
        const auto t0 = Clock::now();
        auto slowest_check_ms = std::make_shared<std::atomic<double>>(0);
        double pss_sum = 0;
        int pss_samples = 0;
        for (int tick = 0; tick < seconds / 2; ++tick) {
            for (auto& p : pages)
                for (auto check : {rtc::webcast::PageCheck::Freeze, rtc::webcast::PageCheck::Blank,
                                   rtc::webcast::PageCheck::Crash})
                    p->probe(check, [asked = Clock::now(), slowest_check_ms](rtc::webcast::ProbeResult) {
                        const double ms =
                            std::chrono::duration<double, std::milli>(Clock::now() - asked).count();
                        double seen = slowest_check_ms->load();
                        while (ms > seen && !slowest_check_ms->compare_exchange_weak(seen, ms)) {
                        }
                    });
            std::this_thread::sleep_for(std::chrono::seconds(2));
            pss_sum += sample_group(pgid).pss_mb;
            pss_samples++;
        }
        const Sample after = sample_group(pgid);
        const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
        const double cpu = 100.0 * (after.cpu_seconds - before.cpu_seconds) / wall;
        const double own_cpu = 100.0 * (own_cpu_seconds() - own_before) / wall;
        const double pss = pss_samples ? pss_sum / pss_samples : after.pss_mb;
        std::sort(first_ms.begin(), first_ms.end());
        char ff[64];
        std::snprintf(ff, sizeof(ff), "%.0f..%.0f", first_ms.front(), first_ms.back());
        std::printf("%6d %14s %14.0f %12.0f %14.0f %12.1f %12.1f %12.1f %14.0f\n", n, ff, idle.pss_mb, pss,
                    (pss - idle.pss_mb) / n, cpu, cpu / n, own_cpu, slowest_check_ms->load());
        std::fflush(stdout);
        for (auto& p : pages) p->close();
        source.shutdown();
    }
    server.stop();
    serving.join();
    return 0;
}
