// Between a page's frames and its recording: the frames arrive from the page's first screenshot on, the
// recording starts at the first frame of capture. Until then the tap keeps only the latest picture, which
// becomes the recording's first.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "pages/page_recording.h"

namespace rtc::pages {

class RecordingTap {
  public:
    using Start = std::function<std::shared_ptr<PageRecording>(std::shared_ptr<const recording::Picture>)>;

    // A frame's pixels (the page's thread).
    void picture(std::shared_ptr<const recording::Picture> picture) {
        std::shared_ptr<PageRecording> rec;
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (!recording_) {
                latest_ = std::move(picture);
                return;
            }
            rec = recording_;
        }
        rec->show(std::move(picture));
    }
    // Capture's first frame: the recording starts with the latest picture (once; not after the end).
    void begin(const Start& start) {
        std::shared_ptr<const recording::Picture> first;
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (recording_ || ended_) return;
            first = std::move(latest_);
        }
        auto rec = start(std::move(first));
        std::lock_guard<std::mutex> lock(mu_);
        recording_ = std::move(rec);
        if (ended_ && recording_) recording_->mark_end();
    }
    // Capture ended (close, failure): no waiting.
    void mark_end() {
        std::shared_ptr<PageRecording> rec;
        {
            std::lock_guard<std::mutex> lock(mu_);
            ended_ = true;
            rec = recording_;
        }
        if (rec) rec->mark_end();
    }
    // The page's thread is ending: the file is finished before it returns.
    void stop() {
        mark_end();
        std::shared_ptr<PageRecording> rec;
        {
            std::lock_guard<std::mutex> lock(mu_);
            rec = recording_;
        }
        if (rec) rec->stop();
    }
    // "Recording" of the page's describe(), once it started.
    void describe(nlohmann::json& j) const {
        std::shared_ptr<PageRecording> rec;
        {
            std::lock_guard<std::mutex> lock(mu_);
            rec = recording_;
        }
        if (rec) j["Recording"] = rec->describe();
    }

  private:
    mutable std::mutex mu_;
    std::shared_ptr<const recording::Picture> latest_;
    std::shared_ptr<PageRecording> recording_;
    bool ended_ = false;
};

}  // namespace rtc::pages
