// The life of a Webcast task after StartWebcast: first frame, page checks, refresh / reschedule, the end,
// and the callbacks of each step, all on the injectable clock's scheduler (issue 6).
#pragma once

#include "core/webcast/models.h"

namespace rtc {
class MockService;
}

namespace rtc::webcast {

class Lifecycle {
  public:
    explicit Lifecycle(MockService& service) : service_(service) {}
    // Called by StartWebcast after a task was created (not for a repeated start of a running task).
    void on_started(const WebcastTask& task);
    // Called after a task ended (StopWebcast, MaxRunningTime, onWebcastEnd): its final state is in the store.
    void on_stopped(const WebcastTask& task);
    void reset();
    void shutdown();

  private:
    MockService& service_;
};

}  // namespace rtc::webcast
