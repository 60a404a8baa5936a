// rtc-recording-bench: what recording a page costs (docs/pages.md "Recordings: encoder cost").
// For each size and frame rate it records --seconds of synthetic pictures into a WebM file, as fast as the
// encoder goes, and times each frame's WebmRecorder::add (scale + encode + write + flush): wall time and the
// thread's CPU time, against the frame interval; then the file's bytes per minute of video and the memory
// the recorder added. Two contents: `page` (a block moving on a still background, like a lively page) and
// `busy` (every pixel changes every frame, like a full-screen video).
//
//   rtc-recording-bench [--seconds 10] [--speed 8] [--only 640x360@10]
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "recording/ffmpeg/webm_recorder.h"
#include "recording/synthetic_pictures.h"

namespace {

using rtc::recording::Picture;
using rtc::recording::VideoSpec;
using rtc::recording::WebmRecorder;
using Wall = std::chrono::steady_clock;

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Resident memory of this process in MB (VmRSS).
double rss_mb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    return 0;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

struct Result {
    double wall_mean = 0, wall_p50 = 0, wall_p95 = 0, wall_max = 0, cpu_mean = 0;
    double bytes_per_minute = 0, rss_added_mb = 0;
    int target_kbps = 0;
    bool ok = false;
};

Result measure(const VideoSpec& spec, bool busy, int seconds, const std::string& path) {
    Result r;
    r.target_kbps = rtc::recording::target_kbps(spec);
    // A cycle of two seconds of pictures, made before timing: the pictures are the page's cost, not ours.
    std::vector<Picture> pictures;
    for (int i = 0; i < 2 * spec.frame_rate; ++i)
        pictures.push_back(busy ? rtc::test::busy(spec.width, spec.height, i)
                                : rtc::test::moving(spec.width, spec.height, i));
    const double rss_before = rss_mb();
    std::string error;
    auto recorder = WebmRecorder::open(path, spec, &error);
    if (!recorder) {
        std::fprintf(stderr, "open: %s\n", error.c_str());
        return r;
    }
    const int frames = seconds * spec.frame_rate;
    std::vector<double> wall, cpu;
    double rss_peak = rss_before;
    for (int i = 0; i < frames; ++i) {
        const auto w0 = Wall::now();
        const double c0 = thread_cpu_ms();
        if (!recorder->add(pictures[static_cast<std::size_t>(i) % pictures.size()], i)) {
            std::fprintf(stderr, "add: %s\n", recorder->error().c_str());
            return r;
        }
        cpu.push_back(thread_cpu_ms() - c0);
        wall.push_back(std::chrono::duration<double, std::milli>(Wall::now() - w0).count());
        if (i % spec.frame_rate == 0) rss_peak = std::max(rss_peak, rss_mb());
    }
    if (!recorder->finish()) {
        std::fprintf(stderr, "finish: %s\n", recorder->error().c_str());
        return r;
    }
    for (double w : wall) r.wall_mean += w / static_cast<double>(wall.size());
    for (double c : cpu) r.cpu_mean += c / static_cast<double>(cpu.size());
    r.wall_p50 = percentile(wall, 0.5);
    r.wall_p95 = percentile(wall, 0.95);
    r.wall_max = percentile(wall, 1.0);
    r.bytes_per_minute = static_cast<double>(recorder->bytes_written()) * 60.0 / seconds;
    r.rss_added_mb = rss_peak - rss_before;
    r.ok = true;
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    int seconds = 10;
    int speed = VideoSpec{}.speed;
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--seconds"))
            seconds = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--speed"))
            speed = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--only"))
            only = argv[i + 1];
        else {
            std::fprintf(stderr, "usage: %s [--seconds N] [--speed 0-16] [--only WxH@FPS]\n", argv[0]);
            return 2;
        }
    }
    char dir[] = "/tmp/rtc-recording-bench-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    double load[3] = {};
    if (getloadavg(load, 3) < 1) load[0] = -1;
    std::printf("rtc-recording-bench: %d s of video per case, speed (cpu-used) %d, load average %.2f\n",
                seconds, speed, load[0]);
    std::printf(
        "| size@fps | content | target kbps | interval ms | wall ms/frame mean / p50 / p95 / max | "
        "CPU ms/frame | real-time margin | CPU of one core | MB per minute | RSS added MB |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    const VideoSpec specs[] = {
        {640, 360, 10, 0, speed}, {1280, 720, 15, 0, speed}, {1920, 1080, 30, 0, speed}};
    int failed = 0;
    for (const auto& spec : specs) {
        const std::string name = std::to_string(spec.width) + "x" + std::to_string(spec.height) + "@" +
                                 std::to_string(spec.frame_rate);
        if (!only.empty() && only != name) continue;
        for (bool busy : {false, true}) {
            const Result r = measure(spec, busy, seconds, std::string(dir) + "/" + name + ".webm");
            if (!r.ok) {
                ++failed;
                continue;
            }
            const double interval = 1000.0 / spec.frame_rate;
            std::printf(
                "| %s | %s | %d | %.1f | %.2f / %.2f / %.2f / %.2f | %.2f | %.1fx | %.0f %% | %.2f | %.1f "
                "|\n",
                name.c_str(), busy ? "busy" : "page", r.target_kbps, interval, r.wall_mean, r.wall_p50,
                r.wall_p95, r.wall_max, r.cpu_mean, interval / r.wall_mean, 100.0 * r.cpu_mean / interval,
                r.bytes_per_minute / 1e6, r.rss_added_mb);
            std::fflush(stdout);
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return failed ? 1 : 0;
}
