// rtc-mock-recorder.so: the encoder plugin that recorder_loader.h opens. Its two entry points are the whole
// of its interface; everything else it holds is FFmpeg and ffmpeg/webm_recorder.h.
#include "recording/ffmpeg/webm_recorder.h"
#include "recording/recorder_loader.h"

extern "C" {

__attribute__((visibility("default"))) const char* rtc_mock_recorder_version_v1() {
    return RTC_PROJECT_VERSION;
}

__attribute__((visibility("default"))) rtc::recording::Recorder* rtc_mock_recorder_open_v1(
    const char* path, const rtc::recording::VideoSpec* spec, std::string* error) {
    return rtc::recording::WebmRecorder::open(path, *spec, error).release();
}
}
