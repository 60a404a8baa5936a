// Settings of where a Webcast task's page comes from (config section `Pages`): simulated ("scripted", the
// default) or the task's SourceURL in headless Chromium (docs/pages.md). Data only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rtc {

class ConfigField;

// Where a Webcast task's page comes from.
enum class Renderer { Scripted, Chromium };
const char* to_string(Renderer renderer);

struct PagesSettings {
    Renderer renderer = Renderer::Scripted;
    // The browser binary; "" = the Debian one found on this machine (chromium-headless-shell, then chromium).
    std::string browser_path;
    // Hosts the browser may resolve and load; ["*"] = any host. Everything else fails to resolve.
    std::vector<std::string> allowed_hosts = {"127.0.0.1", "localhost", "[::1]"};
    int max_concurrent = 4;                  // pages open at once; more wait in line for a slot
    std::int64_t launch_timeout_ms = 15000;  // the browser answers its first command within this
    std::int64_t call_timeout_ms = 5000;     // the deadline of every other DevTools call
    // SourceURL commits (answers) within this, else it did not load.
    std::int64_t navigate_timeout_ms = 15000;
    std::int64_t frame_timeout_ms = 3000;  // a screenshot arrives within this
    std::int64_t crash_answer_ms = 2000;   // the crash check: `1` evaluates within this, else a hit
    // "White" (the blank check): a pixel is white when R, G and B are all >= WhiteMinChannel (composited on
    // white); a frame is white when at most WhiteMaxOffPixelsPpm per million of its pixels are not.
    int white_min_channel = 250;
    int white_max_off_pixels_ppm = 10;
    std::size_t console_lines = 100;  // console messages and load errors kept per page
    // Recordings of Webcast pages (docs/pages.md "Recordings"): on by default with real pages.
    bool record = true;
    // Where they are written; "" = a fresh folder under the system temp dir, made at start-up and removed at
    // exit. A folder named here is made if missing and kept (its recordings too).
    std::string record_dir;
    // The bytes the kept recordings may take; past it the oldest ended ones are deleted as another ends.
    std::int64_t record_max_bytes = 1LL << 30;
    int record_speed = 8;  // libvpx's cpu-used, 0 (best) to 16 (fastest): recording::VideoSpec::speed
};

void parse_pages_settings(const ConfigField& f, PagesSettings& out);
// `--pages NAME`: the renderer of that name, or nullopt.
std::optional<Renderer> renderer_from(const std::string& name);

}  // namespace rtc
