// GET /_mock/events: the inspector's live stream, as server-sent events (text/event-stream). Each open stream
// is a LiveFeed on the service's event hub and holds one HTTP worker; its worker wakes every batch period,
// takes what was published, formats it and writes it. The API path only ever touches the feed's buffers.
// On a shared state engine the request rows are every replica's, read from the shared journal each batch.
// Bounded: at most `max_streams` open at once (503 past it); a stream that cannot write loses events and is
// told how many; shutdown says goodbye to every stream and cuts the ones whose client stopped reading.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <httplib.h>

#include "core/admin/admin.h"
#include "core/events/live_feed.h"
#include "http/server_options.h"

namespace rtc {

struct EventStreamSettings {
    std::size_t max_streams = 4;  // --event-streams
    std::int64_t batch_ms = 250;  // how often a stream writes what was published
    // ... while requests come faster than a batch's rows (a flood): a person reads no faster, and every write
    // wakes the browser, which shares the machine with the API.
    std::int64_t flood_batch_ms = 1000;
    std::int64_t stats_ms = 1000;
    events::LiveFeedLimits limits;
};

class EventStreams {
  public:
    EventStreams(admin::LiveAdmin& admin, EventStreamSettings settings);
    ~EventStreams();
    EventStreams(const EventStreams&) = delete;
    EventStreams& operator=(const EventStreams&) = delete;

    // GET /_mock/events behind the admin guard.
    void install(httplib::Server& server, const ServerOptions& options);
    // Refuses new streams and says goodbye to the open ones (each ends its response at its next wake, at
    // once); waits up to `grace_ms` for them to end, then shuts down the connections of those still open (a
    // worker blocked writing to a client that stopped reading). Safe to call again.
    void close_all(std::int64_t grace_ms);
    std::size_t open_streams() const;

    struct Stream;

  private:
    std::shared_ptr<Stream> open(const httplib::Request& req, std::string& refusal);
    void release(const std::shared_ptr<Stream>& stream);
    // One turn of a stream's worker: waits a batch period, then writes what was published meanwhile.
    bool pump(Stream& stream, httplib::DataSink& sink);
    // On a shared state engine the other replicas' requests never reach this process's hub: a stream's
    // request rows come from the shared journal (every replica's), read after the last Seq it showed.
    void journal_rows(Stream& stream, events::FeedBatch& batch);

    admin::LiveAdmin& admin_;
    const EventStreamSettings settings_;
    mutable std::mutex mu_;
    std::condition_variable ended_;
    std::vector<std::shared_ptr<Stream>> open_;
    bool closing_ = false;
    std::uint64_t next_id_ = 1;
};

}  // namespace rtc
