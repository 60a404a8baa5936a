// Where a mock's Webcast recordings live (docs/pages.md "Recordings"): the folder (Pages.RecordDir, or a
// fresh one under the system temp dir that goes away with the store, or with the next store's start when
// the mock was killed), each task's newest recording (one file per page: a reschedule starts a new one),
// and the byte cap (Pages.RecordMaxBytes): when a recording ends and the kept ones take more, the oldest
// ended ones are deleted first; running ones and the one that just ended stay.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/pages_settings.h"
#include "core/webcast/page_source.h"
#include "recording/picture.h"

namespace rtc::pages {

class PageRecording;

class RecordingStore : public std::enable_shared_from_this<RecordingStore> {
  public:
    // Makes the folder; throws std::runtime_error naming it when that fails.
    RecordingStore(const PagesSettings& settings, std::shared_ptr<const Clock> clock);
    ~RecordingStore();  // removes the folder it made itself, with its recordings
    RecordingStore(const RecordingStore&) = delete;
    RecordingStore& operator=(const RecordingStore&) = delete;

    // A recording of the page of `request`, starting now with `first` on show (see PageRecording::start).
    std::shared_ptr<PageRecording> start(const webcast::PageRequest& request,
                                         std::shared_ptr<const recording::Picture> first,
                                         std::function<void()> want_frame);
    // The task's newest recording, or why there is none.
    webcast::RecordingBytes read(const webcast::TaskKey& key) const;

    const std::string& folder() const { return folder_; }

  private:
    struct Kept {
        webcast::TaskKey key;
        std::shared_ptr<PageRecording> recording;
        std::uint64_t ended = 0;  // 1, 2, ... in the order they ended; 0 while running
        bool evicted = false;
    };
    // A recording's file is finished: it takes its place in the end order, and the cap is kept.
    void ended(const std::shared_ptr<Kept>& done);

    const PagesSettings settings_;
    const std::shared_ptr<const Clock> clock_;
    std::string folder_;
    bool made_folder_ = false;  // a temp folder of ours: removed at the end

    mutable std::mutex mu_;
    std::vector<std::shared_ptr<Kept>> kept_;                   // in the order they started
    std::map<webcast::TaskKey, std::shared_ptr<Kept>> newest_;  // per task
    std::uint64_t ends_ = 0;
};

}  // namespace rtc::pages
