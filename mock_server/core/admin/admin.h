// The admin front door: every operation an operator (a test, the inspector, a CI script) can ask of a running
// mock, as WireMock's `Admin` is for WireMock. The service implements it in process (MockService::admin());
// the HTTP layer only translates `/_mock/` requests into these calls (docs/admin-api.md), and
// `http/admin_client.h` implements it over that HTTP API, so a test drives an in-process mock and a remote
// one through the same interface. Answers are the admin API's JSON documents.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/events/hub.h"
#include "core/journal/journal.h"
#include "core/models/callbacks.h"
#include "core/models/webcast.h"

namespace rtc::admin {

// How an operation ended; the HTTP layer sends each as its status (200, 201, 202, 400, 404, 409, 503).
enum class Status { Ok, Created, Accepted, BadInput, NotFound, Conflict, Unavailable };

// An answer: the document (on success), or {"error": "..."} saying what is wrong.
struct Reply {
    Status status = Status::Ok;
    nlohmann::json body;

    bool ok() const {
        return status == Status::Ok || status == Status::Created || status == Status::Accepted;
    }
    // The error's text ("" on success).
    std::string error() const;
    static Reply failure(Status status, std::string message);
};

// A count the journal must have: exactly `count`, or between `at_least` and `at_most`.
struct CountBounds {
    std::optional<std::uint64_t> count, at_least, at_most;
};

// A task's current frame, as PNG.
struct Screenshot {
    Reply reply;      // the failure when there is no frame
    std::string png;  // when reply.ok()
};

// A task's recording, as WebM.
struct Recording {
    Reply reply;       // the failure when there is none
    std::string webm;  // when reply.ok()
};

class Admin {
  public:
    virtual ~Admin() = default;

    // Liveness: {"status":"ok"}.
    // Liveness: 200, or 503 naming the state engine while it does not answer.
    virtual Reply health() = 0;
    // Readiness: 200 once the server listens and its state engine answers; 503 otherwise.
    virtual Reply ready() = 0;
    // Back to the fixture: tasks, journal, rate windows, faults, console, callbacks, clock offset.
    virtual Reply reset() = 0;
    // {"NowMs":..,"Virtual":..}; advancing runs every timer that falls due on the way.
    virtual Reply clock() = 0;
    virtual Reply advance_clock(double seconds) = 0;

    // The request journal (filters of docs/admin-api.md).
    virtual Reply requests(const JournalFilter& filter) = 0;
    virtual Reply request(std::uint64_t seq) = 0;
    virtual Reply count_requests(const JournalFilter& filter) = 0;
    // 200 {"Ok":true,"Count":n}, or Conflict {"Ok":false,"Count":n,"error":...} when the count is off.
    virtual Reply verify_requests(const JournalFilter& filter, const CountBounds& bounds) = 0;
    virtual Reply clear_requests() = 0;

    // Fault rules: a rule as POST /_mock/faults takes it.
    virtual Reply add_fault(const nlohmann::json& rule) = 0;
    virtual Reply faults() = 0;
    virtual Reply fault(const std::string& id) = 0;
    virtual Reply remove_fault(const std::string& id) = 0;
    virtual Reply clear_faults() = 0;

    // Callbacks: the delivery journal, a re-send, an app's settings (its default one with business ""), and
    // one test event sent to them.
    virtual Reply deliveries(const callbacks::AttemptQuery& query) = 0;
    virtual Reply resend(const std::string& delivery_id) = 0;
    virtual Reply app_callback(const std::string& app_id, const std::string& business_id) = 0;
    virtual Reply put_app_callback(const std::string& app_id, const std::string& business_id,
                                   const nlohmann::json& callback) = 0;
    virtual Reply delete_app_callback(const std::string& app_id, const std::string& business_id) = 0;
    virtual Reply test_callback(const std::string& app_id, const std::string& business_id,
                                const nlohmann::json& body) = 0;

    // Apps' console settings: a change as PUT /_mock/apps/{AppId} takes it.
    virtual Reply apps() = 0;
    virtual Reply app(const std::string& app_id) = 0;
    virtual Reply change_app(const std::string& app_id, const nlohmann::json& change) = 0;

    // Tasks: every task, a page event played on a Webcast task's page, a task's timeline (family "webcast" or
    // "wbrecord") and a real page's frame.
    virtual Reply tasks() = 0;
    virtual Reply page_event(const webcast::TaskKey& key, const std::string& event) = 0;
    virtual Reply task_events(const std::string& family, const webcast::TaskKey& key) = 0;
    virtual Screenshot screenshot(const webcast::TaskKey& key) = 0;
    virtual Recording recording(const webcast::TaskKey& key) = 0;

    // The whole state as one document (core/admin/state_snapshot.h), and back: an import replaces everything.
    virtual Reply export_state() = 0;
    virtual Reply import_state(const nlohmann::json& document) = 0;

    // The whole state at a glance, and the Prometheus text.
    virtual Reply state() = 0;
    virtual std::string metrics() = 0;
};

// What only an in-process admin offers: the live events (the inspector's stream subscribes here; over HTTP
// they are `GET /_mock/events`), and what the inspector page is built with.
class LiveAdmin : public Admin {
  public:
    virtual events::Hub::Id subscribe(std::shared_ptr<events::Subscriber> subscriber,
                                      unsigned topics = events::kAllTopics) = 0;
    virtual void unsubscribe(events::Hub::Id id) = 0;
    // The service is stopping: no new stream.
    virtual bool closing() const = 0;
    virtual TimeMs now() const = 0;
    virtual bool virtual_clock() const = 0;
    // The names of the actions served, sorted (the inspector's action list).
    virtual std::vector<std::string> actions() const = 0;
    // Tasks held now, every family (a store this large is left to the kernel at exit).
    virtual std::size_t stored_tasks() const = 0;
    // The state engine's name ("memory", "redis").
    virtual std::string state_engine() const = 0;
    // True when other processes share the state (their requests are in the journal, not on this hub).
    virtual bool shared_state() const = 0;
    // The newest `limit` journal entries with Seq > since, and how many there are (a live stream's rows on a
    // shared engine), and the newest Seq given so far.
    virtual JournalPage journal_after(std::uint64_t since, std::size_t limit) = 0;
    virtual std::uint64_t journal_newest_seq() = 0;
};

// The HTTP status of each Status, and back (an unknown status is Unavailable when 5xx, else BadInput).
int http_status(Status status);
Status status_of(int http_status);

}  // namespace rtc::admin
