// Validating a StartWebcast body against its declaration (core/actions/validate.h). Compiled only
// once the validator is in the tree, so this file can land before it.
#if __has_include("core/actions/validate.h")
#include <benchmark/benchmark.h>

#include "core/actions/spec.h"
#include "core/actions/validate.h"
#include "core/config.h"

using namespace rtc;

namespace {
const char* kMinimal =
    R"({"AppId":"600000000000000000000000","RoomId":"room1","TaskId":"task1","UserId":"webcast_1",)"
    R"("SourceURL":"https://example.com/page"})";
const char* kFull =
    R"({"AppId":"600000000000000000000000","RoomId":"room1","TaskId":"task1","UserId":"webcast_1",)"
    R"("BusinessId":"biz","SourceURL":"https://example.com/page","MaxRunningTime":3600,)"
    R"("VideoSolutions":[{"Width":1279,"Height":720,"FrameRate":30,"Bitrate":2000},)"
    R"({"Width":640,"Height":360,"FrameRate":15,"Bitrate":500}],)"
    R"("MonitorConfig":{"FreezeCheckInterval":5,"BlankCheckInterval":5,"CrashCheckInterval":10},)"
    R"("EventNotifyConfig":{"EnableEventNotify":true,"StartTimeout":30}})";

void run(benchmark::State& state, const char* body) {
    const spec::ActionSpec* action = spec::find_action_spec("StartWebcast");
    const ValidationSettings opt;
    const std::string text = body;
    for (auto _ : state) {
        validation::Outcome out = validation::validate_body(*action, text, opt);
        benchmark::DoNotOptimize(out.value);
    }
}
}  // namespace

// The five required fields only: parse, check, fill every default.
static void BM_ValidateStartWebcastMinimal(benchmark::State& state) {
    run(state, kMinimal);
}
BENCHMARK(BM_ValidateStartWebcastMinimal);

// Every field, two video solutions (one odd width to round), monitor and notify settings.
static void BM_ValidateStartWebcastFull(benchmark::State& state) {
    run(state, kFull);
}
BENCHMARK(BM_ValidateStartWebcastFull);
#endif
