// The real pages this process has open (--pages chromium), by task: a real page belongs to the process that
// opened it, not to the shared task state. A simulated page (--pages scripted) is part of its task's record
// and has no entry here.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "core/models/webcast.h"
#include "core/webcast/page_source.h"

namespace rtc::webcast {

class LivePages {
  public:
    // The page of that instance of the task (0: whichever it has), or null.
    std::shared_ptr<Page> get(const TaskKey& key, std::uint64_t instance = 0) const;
    void put(const TaskKey& key, std::uint64_t instance, std::shared_ptr<Page> page);
    // Removes and returns the page of that instance (null when it is not that one's any more).
    std::shared_ptr<Page> take(const TaskKey& key, std::uint64_t instance);
    // Removes every page (to be closed by the caller).
    std::vector<std::shared_ptr<Page>> take_all();

  private:
    struct Open {
        std::uint64_t instance = 0;
        std::shared_ptr<Page> page;
    };
    mutable std::mutex mu_;
    std::map<TaskKey, Open> pages_;
};

}  // namespace rtc::webcast
