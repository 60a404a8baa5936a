// The pages tests run ChromiumPages in their own process, which is neither rtc-mock nor installed beside the
// encoder plugin: they name it (recording/recorder_loader.h) before any test records.
#include "recording/recorder_loader.h"

namespace {
const bool plugin_named = (rtc::recording::set_recorder_plugin(RTC_RECORDER_PLUGIN), true);
}  // namespace
