// StartWebcast's documented limits (StartWebcast page, docs/service-facts.md §4), each limit, one past it and
// each default, through MockService::handle with signed requests. The values below are written from the seed,
// not read from the declarations, so a wrong declaration fails here.
#include <catch2/catch.hpp>

#include <functional>

#include "support/service_harness.h"

using namespace rtc;
using namespace rtc::test;
using nlohmann::json;

namespace {

// Starts a task whose body `set` changed, returns the reply and (on success) the stored task.
struct Started {
    Reply reply;
    std::optional<webcast::WebcastTask> task;
};

Started start_with(const std::function<void(json&)>& set) {
    Harness h;
    json body = webcast_body();
    set(body);
    Started s;
    s.reply = h.post("StartWebcast", body);
    s.task = h.parts->webcast.get({kApp, "room1", "task1"});
    return s;
}

struct IntCase {
    long long value;
    bool accepted;
    long long stored;  // after normalisation
};

// Runs every case of one integer field: accepted values are stored as `stored`, refused ones get
// InvalidParameter naming the field path and the range.
void check_int_field(const std::function<json&(json&)>& at, const std::string& path,
                     const std::string& range_text, const std::vector<IntCase>& cases,
                     const std::function<long long(const webcast::WebcastTask&)>& read) {
    for (const auto& c : cases) {
        INFO(path << " = " << c.value);
        Started s = start_with([&](json& b) { at(b) = c.value; });
        if (c.accepted) {
            REQUIRE(s.reply.status == 200);
            REQUIRE(s.reply.result() == "ok");
            REQUIRE(s.task);
            CHECK(read(*s.task) == c.stored);
        } else {
            REQUIRE(s.reply.status == 400);
            CHECK(s.reply.code() == "InvalidParameter");
            CHECK(s.reply.message() == path + " must be " + range_text + ", got " + std::to_string(c.value));
            CHECK_FALSE(s.task);
        }
    }
}

json& solution(json& b, std::size_t i) {
    if (!b.contains("VideoSolutions")) b["VideoSolutions"] = json::array();
    while (b["VideoSolutions"].size() <= i) b["VideoSolutions"].push_back(json::object());
    return b["VideoSolutions"][i];
}

}  // namespace

TEST_CASE("VideoSolutions Width is in [50,1920] as sent, and an odd width is rounded down to even",
          "[webcast][bounds]") {
    check_int_field([](json& b) -> json& { return solution(b, 0)["Width"]; }, "VideoSolutions[0].Width",
                    "in [50,1920]",
                    {{49, false, 0},
                     {50, true, 50},
                     {51, true, 50},
                     {1279, true, 1278},
                     {1280, true, 1280},
                     {1919, true, 1918},
                     {1920, true, 1920},
                     {1921, false, 0},
                     {0, false, 0},
                     {-2, false, 0}},
                    [](const webcast::WebcastTask& t) { return t.spec.video_solutions.at(0).width; });
}

TEST_CASE("VideoSolutions Height is in [50,1080] as sent, and an odd height is rounded down to even",
          "[webcast][bounds]") {
    check_int_field([](json& b) -> json& { return solution(b, 1)["Height"]; }, "VideoSolutions[1].Height",
                    "in [50,1080]",
                    {{49, false, 0},
                     {50, true, 50},
                     {51, true, 50},
                     {719, true, 718},
                     {1079, true, 1078},
                     {1080, true, 1080},
                     {1081, false, 0}},
                    [](const webcast::WebcastTask& t) { return t.spec.video_solutions.at(1).height; });
}

TEST_CASE("VideoSolutions FrameRate is in [1,60]", "[webcast][bounds]") {
    check_int_field([](json& b) -> json& { return solution(b, 0)["FrameRate"]; },
                    "VideoSolutions[0].FrameRate", "in [1,60]",
                    {{0, false, 0}, {1, true, 1}, {60, true, 60}, {61, false, 0}},
                    [](const webcast::WebcastTask& t) { return t.spec.video_solutions.at(0).frame_rate; });
}

TEST_CASE("VideoSolutions Bitrate is in [0,10000] kbps", "[webcast][bounds]") {
    check_int_field([](json& b) -> json& { return solution(b, 0)["Bitrate"]; }, "VideoSolutions[0].Bitrate",
                    "in [0,10000]", {{-1, false, 0}, {0, true, 0}, {10000, true, 10000}, {10001, false, 0}},
                    [](const webcast::WebcastTask& t) { return t.spec.video_solutions.at(0).bitrate; });
}

TEST_CASE("MaxRunningTime is in [10,86400] seconds", "[webcast][bounds]") {
    check_int_field([](json& b) -> json& { return b["MaxRunningTime"]; }, "MaxRunningTime", "in [10,86400]",
                    {{9, false, 0}, {10, true, 10}, {86400, true, 86400}, {86401, false, 0}, {0, false, 0}},
                    [](const webcast::WebcastTask& t) { return t.spec.max_running_time; });
}

TEST_CASE("FreezeCheckInterval and BlankCheckInterval are 0 (off) or in [2,30]", "[webcast][bounds]") {
    for (const char* name : {"FreezeCheckInterval", "BlankCheckInterval"}) {
        const std::string n = name;
        check_int_field(
            [n](json& b) -> json& { return b["MonitorConfig"][n]; }, "MonitorConfig." + n,
            "0 (off) or in [2,30]",
            {{-1, false, 0}, {0, true, 0}, {1, false, 0}, {2, true, 2}, {30, true, 30}, {31, false, 0}},
            [n](const webcast::WebcastTask& t) {
                return n == "FreezeCheckInterval" ? t.spec.monitor.freeze_check_interval
                                                  : t.spec.monitor.blank_check_interval;
            });
    }
}

TEST_CASE("CrashCheckInterval is in [0,30]", "[webcast][bounds]") {
    check_int_field([](json& b) -> json& { return b["MonitorConfig"]["CrashCheckInterval"]; },
                    "MonitorConfig.CrashCheckInterval", "in [0,30]",
                    {{-1, false, 0}, {0, true, 0}, {1, true, 1}, {30, true, 30}, {31, false, 0}},
                    [](const webcast::WebcastTask& t) { return t.spec.monitor.crash_check_interval; });
}

TEST_CASE("StartTimeout is in [0,60]", "[webcast][bounds]") {
    check_int_field([](json& b) -> json& { return b["EventNotifyConfig"]["StartTimeout"]; },
                    "EventNotifyConfig.StartTimeout", "in [0,60]",
                    {{-1, false, 0}, {0, true, 0}, {60, true, 60}, {61, false, 0}},
                    [](const webcast::WebcastTask& t) { return t.spec.event_notify.start_timeout; });
}

TEST_CASE("a StartWebcast with only the required fields gets every documented default",
          "[webcast][defaults]") {
    Started s = start_with([](json&) {});
    REQUIRE(s.reply.result() == "ok");
    REQUIRE(s.task);
    const auto& spec = s.task->spec;
    REQUIRE(spec.video_solutions.size() == 1);
    CHECK(spec.video_solutions[0].width == 1280);
    CHECK(spec.video_solutions[0].height == 720);
    CHECK(spec.video_solutions[0].frame_rate == 15);
    CHECK(spec.video_solutions[0].bitrate == 0);
    CHECK(spec.max_running_time == 86400);
    CHECK(spec.monitor.freeze_check_interval == 0);
    CHECK(spec.monitor.blank_check_interval == 0);
    CHECK(spec.monitor.crash_check_interval == 0);
    CHECK(spec.event_notify.enable_event_notify == false);
    CHECK(spec.event_notify.start_timeout == 0);
}

TEST_CASE("an empty VideoSolutions list is filled with one default entry", "[webcast][defaults]") {
    Started s = start_with([](json& b) { b["VideoSolutions"] = json::array(); });
    REQUIRE(s.task);
    REQUIRE(s.task->spec.video_solutions.size() == 1);
    CHECK(s.task->spec.video_solutions[0].width == 1280);
}

TEST_CASE("an entry of VideoSolutions gets the defaults of the fields it leaves out", "[webcast][defaults]") {
    Started s = start_with([](json& b) {
        b["VideoSolutions"] = json::array({{{"Width", 640}}, {{"FrameRate", 30}}});
    });
    REQUIRE(s.task);
    REQUIRE(s.task->spec.video_solutions.size() == 2);
    CHECK(s.task->spec.video_solutions[0].width == 640);
    CHECK(s.task->spec.video_solutions[0].height == 720);
    CHECK(s.task->spec.video_solutions[1].width == 1280);
    CHECK(s.task->spec.video_solutions[1].frame_rate == 30);
}

TEST_CASE("VideoSolutions takes at most 2 entries", "[webcast][bounds]") {
    Started two = start_with([](json& b) {
        b["VideoSolutions"] = json::array({json::object(), json::object()});
    });
    CHECK(two.reply.result() == "ok");
    Started three = start_with([](json& b) {
        b["VideoSolutions"] = json::array({json::object(), json::object(), json::object()});
    });
    CHECK(three.reply.status == 400);
    CHECK(three.reply.code() == "InvalidParameter");
    CHECK(three.reply.message() == "VideoSolutions must have at most 2 entries, got 3");
}

TEST_CASE("EnableEventNotify is a boolean, default false", "[webcast][bounds]") {
    Started on = start_with([](json& b) {
        b["EventNotifyConfig"] = {{"EnableEventNotify", true}, {"StartTimeout", 5}};
    });
    REQUIRE(on.task);
    CHECK(on.task->spec.event_notify.enable_event_notify);
    CHECK(on.task->spec.event_notify.start_timeout == 5);
    Started text = start_with([](json& b) { b["EventNotifyConfig"] = {{"EnableEventNotify", "true"}}; });
    CHECK(text.reply.code() == "InvalidParameter");
    CHECK(text.reply.message() ==
          "EventNotifyConfig.EnableEventNotify must be a boolean, got string \"true\"");
}

TEST_CASE("SourceURL is required and at most 1024 long", "[webcast][bounds]") {
    const std::string prefix = "https://example.com/?q=";
    Started at_limit =
        start_with([&](json& b) { b["SourceURL"] = prefix + std::string(1024 - prefix.size(), 'a'); });
    CHECK(at_limit.reply.result() == "ok");
    Started past =
        start_with([&](json& b) { b["SourceURL"] = prefix + std::string(1025 - prefix.size(), 'a'); });
    CHECK(past.reply.code() == "InvalidParameter");
    CHECK(past.reply.message() == "SourceURL must be at most 1024 bytes long, got 1025");
    Started missing = start_with([](json& b) { b.erase("SourceURL"); });
    CHECK(missing.reply.code() == "InvalidParameter");
    CHECK(missing.reply.message() == "SourceURL is required");
    Started empty = start_with([](json& b) { b["SourceURL"] = ""; });
    CHECK(empty.reply.code() == "InvalidParameter");
}

TEST_CASE("IDs match [a-zA-Z0-9_@-.]{1,128}; AppId and RoomId have their own codes", "[webcast][ids]") {
    struct IdCase {
        const char* field;
        const char* code;
    };
    for (IdCase c : {IdCase{"AppId", "InvalidParameter.IllegalAppId"},
                     IdCase{"RoomId", "InvalidParameter.IllegalRoomID"}, IdCase{"TaskId", "InvalidParameter"},
                     IdCase{"UserId", "InvalidParameter"}, IdCase{"BusinessId", "InvalidParameter"}}) {
        INFO(c.field);
        if (std::string(c.field) != "AppId") {
            Started longest = start_with([&](json& b) { b[c.field] = std::string(128, 'x'); });
            CHECK(longest.reply.result() == "ok");
            Started symbols = start_with([&](json& b) { b[c.field] = "a_b@c-d.E9"; });
            CHECK(symbols.reply.result() == "ok");
        }
        Started too_long = start_with([&](json& b) { b[c.field] = std::string(129, 'x'); });
        CHECK(too_long.reply.code() == c.code);
        CHECK_THAT(too_long.reply.message(), Catch::StartsWith(std::string(c.field) + " must match"));
        Started space = start_with([&](json& b) { b[c.field] = "a b"; });
        CHECK(space.reply.code() == c.code);
        CHECK(space.reply.message() ==
              std::string(c.field) + " must match [a-zA-Z0-9_@\\-\\.]{1,128}, got \"a b\"");
        if (std::string(c.field) != "BusinessId") {
            Started missing = start_with([&](json& b) { b.erase(c.field); });
            CHECK(missing.reply.code() == c.code);
            CHECK(missing.reply.message() == std::string(c.field) + " is required");
        }
    }
}

TEST_CASE("an empty BusinessId counts as absent", "[webcast][ids]") {
    Started s = start_with([](json& b) { b["BusinessId"] = ""; });
    CHECK(s.reply.result() == "ok");
}
