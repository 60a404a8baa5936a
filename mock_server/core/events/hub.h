// The event hub: what happened in the mock, published once by its owner (the journal, the task lifecycles,
// the callback outbox, the fault set) and seen by every subscriber (the metrics, the inspector's live
// stream, the task event log). Publishing never blocks: a subscriber runs on the publisher's thread and must
// only copy what it needs (a slow consumer keeps its own bounded queue and drops, never the publisher).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/faults/fault_type.h"

namespace rtc {
struct JournalEntry;
}
namespace rtc::callbacks {
struct AttemptRecord;
}

namespace rtc::events {

// An API request, once answered and journaled.
struct RequestEvent {
    std::shared_ptr<const JournalEntry> entry;
};

enum class TaskFamily { Webcast, WbRecord };

// A step in a task's life (the inspector's timeline, the task event log).
enum class TaskStep {
    Started,       // StartWebcast / StartWBRecord created it
    PageOpened,    // a page instance was opened (start or reschedule)
    StartCalled,   // the page called onWebcastStart()
    FirstFrame,    // capture sent its first frame (Status=1)
    Check,         // a page check ran: `detail` says which and whether it hit
    StartTimeout,  // StartTimeout elapsed without onWebcastStart()
    Refreshed,     // the page was refreshed (Status=4)
    Rescheduled,   // the task moved to a new page (Status=5)
    PageNote,      // something the page reported: a load error, a console line, a crash
    Ended,         // the task ended (StopByAPI, MaxRunningTime, onWebcastEnd, StartTaskFailed)
};

struct TaskEvent {
    TaskFamily family = TaskFamily::Webcast;
    std::string app_id, room_id, task_id;
    std::uint64_t generation = 0;  // which start of the task (a key can be started again after it ended)
    TaskStep step = TaskStep::Started;
    int status = 0;      // the callback Status this step sends (0: none)
    std::string reason;  // the callback Reason / StopReason, if any
    std::string detail;  // free text for people: which check, what the page said
    TimeMs time = 0;
};

// One callback delivery attempt, once its outcome is known.
struct DeliveryEvent {
    std::shared_ptr<const callbacks::AttemptRecord> attempt;
};

// A fault rule applied to a request.
struct FaultEvent {
    std::string fault_id;
    faults::FaultType type = faults::FaultType::Error;
    std::string action;
    TimeMs time = 0;
};

using Event = std::variant<RequestEvent, TaskEvent, DeliveryEvent, FaultEvent>;

// What a subscriber listens to (a bit per alternative of Event, in its order), so a publisher whose events
// nobody reads can skip building them.
enum Topic : unsigned { kRequests = 1u << 0, kTasks = 1u << 1, kDeliveries = 1u << 2, kFaults = 1u << 3 };
constexpr unsigned kAllTopics = kRequests | kTasks | kDeliveries | kFaults;

class Subscriber {
  public:
    virtual ~Subscriber() = default;
    // Runs on the publisher's thread, possibly under the publisher's locks: copy and return, never block,
    // never call back into the publisher.
    virtual void on_event(const Event& event) = 0;
    // The hub is closing (shutdown): stop serving (a live stream ends its response).
    virtual void on_close() {}
};

class Hub {
  public:
    using Id = std::uint64_t;
    Hub() = default;
    Hub(const Hub&) = delete;
    Hub& operator=(const Hub&) = delete;

    Id subscribe(std::shared_ptr<Subscriber> subscriber, unsigned topics = kAllTopics);
    void unsubscribe(Id id);
    // Lock-free for the publisher: reads a snapshot of the subscriber list (each thread keeps the one it
    // read last until the list changes: std::atomic_load of a shared_ptr takes a process-wide lock).
    void publish(const Event& event) const;
    // Cheap test so a publisher can skip building an event nobody reads.
    bool wants(Topic topic) const { return (topics_.load(std::memory_order_acquire) & topic) != 0; }
    std::size_t subscribers() const { return count_.load(std::memory_order_acquire); }
    // Tells every subscriber to stop (on_close) and refuses new ones; shutdown never waits for a stream.
    void close();
    bool closed() const { return closed_.load(std::memory_order_acquire); }

  private:
    struct Entry {
        Id id;
        unsigned topics;
        std::shared_ptr<Subscriber> subscriber;
    };
    using List = std::vector<Entry>;
    void store(std::shared_ptr<List> next);  // under mu_

    std::mutex mu_;  // serialises changes of the list, never taken by publish()
    std::shared_ptr<const List> list_ = std::make_shared<const List>();
    std::atomic<std::uint64_t> version_{0};  // of list_: unique across hubs, so a thread's copy names its hub
    std::atomic<std::size_t> count_{0};
    std::atomic<unsigned> topics_{0};  // union of the subscribers' topics
    std::atomic<bool> closed_{false};
    Id next_id_ = 1;
};

const char* to_string(TaskFamily family);
const char* to_string(TaskStep step);

}  // namespace rtc::events
