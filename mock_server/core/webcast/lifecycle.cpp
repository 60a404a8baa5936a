#include "core/webcast/lifecycle.h"

#include "core/service.h"

namespace rtc::webcast {

// TODO(issue 6): the state machine and callbacks.
void Lifecycle::on_started(const WebcastTask&) {
    (void)service_;
}
void Lifecycle::on_stopped(const WebcastTask&) {}
void Lifecycle::reset() {}
void Lifecycle::shutdown() {}

}  // namespace rtc::webcast
