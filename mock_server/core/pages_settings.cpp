#include "core/pages_settings.h"

#include "core/config_reader.h"
#include "core/enum_names.h"

namespace rtc {

namespace {
constexpr EnumName<Renderer> kRenderers[] = {{Renderer::Scripted, "scripted"},
                                             {Renderer::Chromium, "chromium"}};
}  // namespace

const char* to_string(Renderer renderer) {
    return name_of(kRenderers, renderer);
}

std::optional<Renderer> renderer_from(const std::string& name) {
    return value_of(kRenderers, name);
}

void parse_pages_settings(const ConfigField& f, PagesSettings& out) {
    f.only_keys({"Renderer", "BrowserPath", "AllowedHosts", "MaxConcurrent", "LaunchTimeoutMs",
                 "CallTimeoutMs", "NavigateTimeoutMs", "FrameTimeoutMs", "CrashAnswerMs", "WhiteMinChannel",
                 "WhiteMaxOffPixelsPpm", "ConsoleLines", "Record", "RecordDir", "RecordMaxBytes",
                 "RecordSpeed"});
    if (f.has("Renderer")) out.renderer = f["Renderer"].one_of(kRenderers);
    f.get("BrowserPath", out.browser_path);
    if (f.has("AllowedHosts")) {
        auto hosts = f["AllowedHosts"];
        hosts.expect_array();
        if (hosts.size() == 0) hosts.fail("must name at least one host (\"*\" = any)");
        out.allowed_hosts.clear();
        for (std::size_t i = 0; i < hosts.size(); ++i) {
            std::string h = hosts.at(i).str();
            if (h.empty() || h.find_first_of(" ,/") != std::string::npos)
                hosts.at(i).fail("must be a host name or address without scheme, port, comma or space");
            out.allowed_hosts.push_back(h);
        }
    }
    f.get("MaxConcurrent", out.max_concurrent, 1, 64);
    f.get("LaunchTimeoutMs", out.launch_timeout_ms, 100, 600000);
    f.get("CallTimeoutMs", out.call_timeout_ms, 100, 600000);
    f.get("NavigateTimeoutMs", out.navigate_timeout_ms, 100, 600000);
    f.get("FrameTimeoutMs", out.frame_timeout_ms, 100, 600000);
    f.get("CrashAnswerMs", out.crash_answer_ms, 100, 600000);
    f.get("WhiteMinChannel", out.white_min_channel, 0, 255);
    f.get("WhiteMaxOffPixelsPpm", out.white_max_off_pixels_ppm, 0, 1000000);
    f.get("ConsoleLines", out.console_lines, 1, 100000);
    f.get("Record", out.record);
    f.get("RecordDir", out.record_dir);
    f.get("RecordMaxBytes", out.record_max_bytes, 1, std::int64_t(1) << 50);
    f.get("RecordSpeed", out.record_speed, 0, 16);
}

}  // namespace rtc
