#include "support/video_probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace rtc::test {

namespace {

struct Run {
    int status = -1;
    std::string out;
};

// Runs a shell command, its standard output read whole (the tools' stderr goes to the test's).
Run run(const std::string& command) {
    Run r;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return r;
    char buf[1 << 16];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

double ratio(const std::string& text) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) return std::atof(text.c_str());
    const double den = std::atof(text.c_str() + slash + 1);
    return den == 0 ? 0 : std::atof(text.substr(0, slash).c_str()) / den;
}

}  // namespace

ProbedVideo probe(const std::string& path) {
    ProbedVideo v;
    const Run r = run("ffprobe -v error -show_streams -show_format -of json " + quoted(path));
    if (r.status != 0) {
        v.error = "ffprobe exited " + std::to_string(r.status);
        return v;
    }
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded() || !j.contains("streams") || j["streams"].empty()) {
        v.error = "ffprobe found no stream: " + r.out;
        return v;
    }
    const auto& s = j["streams"][0];
    v.codec = s.value("codec_name", "");
    v.width = s.value("width", 0);
    v.height = s.value("height", 0);
    v.frame_rate = ratio(s.value("avg_frame_rate", "0/0"));
    if (j.contains("format")) v.duration_s = std::atof(j["format"].value("duration", "0").c_str());
    v.ok = true;
    return v;
}

DecodedVideo decode(const std::string& path, int output_rate) {
    DecodedVideo d;
    const ProbedVideo p = probe(path);
    if (!p.ok || p.width <= 0 || p.height <= 0) return d;
    d.width = p.width;
    d.height = p.height;
    const std::string timing =
        output_rate > 0 ? "-vsync cfr -r " + std::to_string(output_rate) : std::string("-vsync passthrough");
    const Run r =
        run("ffmpeg -v error -nostdin -i " + quoted(path) + " " + timing + " -f rawvideo -pix_fmt rgb24 -");
    const std::size_t frame_bytes = static_cast<std::size_t>(d.width) * d.height * 3;
    if (r.status != 0 || r.out.size() % frame_bytes != 0) return d;
    for (std::size_t at = 0; at < r.out.size(); at += frame_bytes)
        d.frames.emplace_back(r.out.begin() + static_cast<std::ptrdiff_t>(at),
                              r.out.begin() + static_cast<std::ptrdiff_t>(at + frame_bytes));
    d.ok = true;
    return d;
}

Rgb DecodedVideo::mean(std::size_t frame, int x0, int y0, int x1, int y1) const {
    if (x1 < 0) x1 = width;
    if (y1 < 0) y1 = height;
    const auto& f = frames.at(frame);
    std::int64_t sum[3] = {0, 0, 0};
    std::int64_t count = 0;
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            const std::size_t at = (static_cast<std::size_t>(y) * width + x) * 3;
            for (int c = 0; c < 3; ++c) sum[c] += f[at + c];
            ++count;
        }
    }
    if (count == 0) return {};
    return Rgb{static_cast<int>(sum[0] / count), static_cast<int>(sum[1] / count),
               static_cast<int>(sum[2] / count)};
}

bool near(const Rgb& c, int r, int g, int b, int tolerance) {
    return std::abs(c.r - r) <= tolerance && std::abs(c.g - g) <= tolerance && std::abs(c.b - b) <= tolerance;
}

std::string describe(const Rgb& c) {
    return "rgb(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ")";
}

TempDir::TempDir() {
    char tmpl[] = "/tmp/rtc-recording-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace rtc::test
