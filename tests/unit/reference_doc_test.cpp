// The committed docs/reference.md is the rendering of the declarations, and the values kept elsewhere for
// other readers (config defaults, model defaults) agree with the declarations.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/actions/reference.h"
#include "core/config.h"
#include "core/models/webcast.h"

using namespace rtc;

TEST_CASE(
    "docs/reference.md is exactly the rendering of the declarations (regenerate: rtc-mock --print-reference)",
    "[reference]") {
    std::ifstream in(std::string(RTC_SOURCE_DIR) + "/docs/reference.md", std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    CHECK(ss.str() == spec::render_reference_markdown(spec::action_specs()));
}

TEST_CASE("the reference shows each rule: ranges with 0 (off), rounding, patterns, lengths and list sizes",
          "[reference]") {
    std::string md = spec::render_reference_markdown(spec::action_specs());
    CHECK_THAT(md, Catch::Contains(
                       "| `VideoSolutions[].Width` | Integer | no | [50,1920] px; odd -> even | `1280` |"));
    CHECK_THAT(md, Catch::Contains(
                       "| `MonitorConfig.FreezeCheckInterval` | Integer | no | 0 (off) or [2,30] s | `0` |"));
    CHECK_THAT(md, Catch::Contains("at most 2 entries (Validation.MaxVideoSolutions)"));
    CHECK_THAT(md, Catch::Contains("## GetWebCastTask"));
    CHECK_THAT(md, Catch::Contains("- Method: `GET` (parameters in the query string)"));
}

TEST_CASE("the config's default MaxVideoSolutions and the task model's defaults agree with the declaration",
          "[reference]") {
    const spec::ActionSpec* a = spec::find_action_spec("StartWebcast");
    REQUIRE(a);
    const spec::Field* vs = nullptr;
    for (const auto& f : a->fields)
        if (f.name == "VideoSolutions") vs = &f;
    REQUIRE(vs);
    CHECK(static_cast<std::size_t>(ValidationSettings{}.max_video_solutions) == *vs->max_items);
    webcast::VideoSolution model;
    for (const auto& c : vs->children) {
        INFO(c.name);
        int expected = c.name == "Width"       ? model.width
                       : c.name == "Height"    ? model.height
                       : c.name == "FrameRate" ? model.frame_rate
                                               : model.bitrate;
        CHECK(c.default_json().get<int>() == expected);
    }
    for (const auto& f : a->fields)
        if (f.name == "MaxRunningTime")
            CHECK(f.default_json().get<int>() == webcast::WebcastSpec{}.max_running_time);
}
