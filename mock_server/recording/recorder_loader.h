// Opens recordings through the encoder plugin (rtc-mock-recorder.so, the Debian package rtc-mock-recorder),
// loaded on first use and kept. Where it is looked for, in order: `plugin` when given; next to the running
// executable (a build tree); ../lib/rtc-mock/ from the executable's folder (an installed rtc-mock).
#pragma once

#include <memory>
#include <string>

#include "recording/recorder.h"

namespace rtc::recording {

// The plugin to load when open_recorder is given none, instead of looking in the places above (a program that
// is neither rtc-mock nor installed beside it: the pages tests). Set before the first recording.
void set_recorder_plugin(const std::string& plugin);

// Null with `error` set when the plugin cannot be loaded (saying where it looked and what to install) or
// refuses the spec or the file.
std::unique_ptr<Recorder> open_recorder(const std::string& path, const VideoSpec& spec, std::string* error,
                                        const std::string& plugin = "");

// The ABI both sides must agree on: the entry point's name carries its version, and the plugin answers the
// project version it was built from, which must be rtc-mock's own.
constexpr const char* kRecorderEntry = "rtc_mock_recorder_open_v1";
constexpr const char* kRecorderVersionEntry = "rtc_mock_recorder_version_v1";
using RecorderOpen = Recorder* (*)(const char* path, const VideoSpec* spec, std::string* error);
using RecorderVersion = const char* (*)();

}  // namespace rtc::recording
