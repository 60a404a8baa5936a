// The processes sharing one state: which one this is and whether another still runs (its heartbeat). A real
// page lives in the process that opened it; when that process is gone, another reschedules its tasks
// (docs/replicas.md). An in-process engine has one process, always alive.
#pragma once

#include <string>

namespace rtc::state {

class Replicas {
  public:
    virtual ~Replicas() = default;
    // This process's name among the replicas ("" for an engine nobody shares).
    virtual const std::string& self() const = 0;
    // False once the named replica stopped beating (it died or lost Redis).
    virtual bool alive(const std::string& replica) const = 0;
};

// The one process of an engine nobody shares.
class SoleProcess final : public Replicas {
  public:
    const std::string& self() const override { return name_; }
    bool alive(const std::string&) const override { return true; }

  private:
    std::string name_;
};

}  // namespace rtc::state
