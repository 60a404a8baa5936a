// The state engine cannot be reached (Redis down, stalled or refusing): the mock fails closed. An API request
// answers with the error envelope and a 5xx (reason StateUnavailable), the admin API with 503, and nothing
// falls back to state of the process alone (docs/replicas.md).
#pragma once

#include <stdexcept>
#include <string>

namespace rtc::state {

class Unavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace rtc::state
