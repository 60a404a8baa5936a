#include "http/event_streams.h"

#include <algorithm>
#include <chrono>

#include "core/callbacks/outbox.h"
#include "core/journal/journal.h"
#include "core/signing/verifier.h"
#include "core/state/unavailable.h"
#include "http/admin_routes.h"
#include "http/connection_abort.h"

namespace rtc {

struct EventStreams::Stream {
    std::uint64_t id = 0;
    std::shared_ptr<events::LiveFeed> feed;
    events::Hub::Id subscription = 0;
    int local_port = -1;
    std::string remote_addr;
    int remote_port = -1;
    // On a shared state engine: rows come from the shared journal, after this Seq.
    bool shared = false;
    std::uint64_t journal_seq = 0;
    // Only the stream's own worker touches what follows.
    bool hello_sent = false;
    bool flooding = false;  // the last batch had more requests than rows
    std::int64_t stats_since_ns = 0;
    std::uint64_t interval_requests = 0;
    std::uint64_t interval_throttled = 0;
    std::uint64_t skipped_total = 0;
    std::uint64_t lost_total = 0;
};

namespace {

// One server-sent event. JSON text never holds a raw line break, so the data fits one `data:` line.
void append_event(std::string& out, const char* name, const nlohmann::json& data) {
    out += "event: ";
    out += name;
    out += "\ndata: ";
    out += data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += "\n\n";
}

// What a row of the Requests view shows; the whole entry is fetched when the row is opened.
nlohmann::json request_row(const JournalEntry& e) {
    constexpr std::size_t kMessageChars = 160;  // enough for the text filter and a tooltip
    return {{"Seq", e.seq},
            {"TimeMs", e.time},
            {"Method", e.method},
            {"Action", e.action},
            {"HttpStatus", e.http_status},
            {"ErrorCode", e.error_code},
            {"ErrorMessage", e.error_message.substr(0, kMessageChars)},
            {"LatencyMs", e.latency_ms},
            {"RequestId", e.request_id},
            {"AccountId", e.account_id},
            {"AppId", e.app_id},
            {"Verdict", e.signature_verdict ? signing::to_string(*e.signature_verdict) : ""},
            {"Throttled", e.throttled},
            {"Fault", e.fault},
            {"FaultType", e.fault_type ? faults::type_name(*e.fault_type) : ""}};
}

nlohmann::json task_json(const events::TaskEvent& t) {
    return {{"Family", events::to_string(t.family)},
            {"AppId", t.app_id},
            {"RoomId", t.room_id},
            {"TaskId", t.task_id},
            {"Generation", t.generation},
            {"Step", events::to_string(t.step)},
            {"Status", t.status},
            {"Reason", t.reason},
            {"Detail", t.detail},
            {"TimeMs", t.time}};
}

}  // namespace

EventStreams::EventStreams(admin::LiveAdmin& admin, EventStreamSettings settings)
    : admin_(admin), settings_(settings) {}

EventStreams::~EventStreams() {
    close_all(0);
}

std::size_t EventStreams::open_streams() const {
    std::lock_guard<std::mutex> lock(mu_);
    return open_.size();
}

std::shared_ptr<EventStreams::Stream> EventStreams::open(const httplib::Request& req, std::string& refusal) {
    auto stream = std::make_shared<Stream>();
    stream->feed = std::make_shared<events::LiveFeed>(settings_.limits);
    stream->local_port = req.local_port;
    stream->remote_addr = req.remote_addr;
    stream->remote_port = req.remote_port;
    stream->stats_since_ns = steady_now_ns();
    stream->shared = admin_.shared_state();
    if (stream->shared)
        stream->journal_seq = admin_.journal_newest_seq();  // Unavailable: a 503, nothing held
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_ || admin_.closing()) {
            refusal = "the mock is shutting down";
            return nullptr;
        }
        if (settings_.max_streams == 0) {
            refusal = "the event stream is off (rtc-mock was started with --event-streams 0)";
            return nullptr;
        }
        if (open_.size() >= settings_.max_streams) {
            refusal = "too many event streams open (" + std::to_string(open_.size()) + " of " +
                      std::to_string(settings_.max_streams) +
                      "): close an inspector tab, or start rtc-mock with a larger --event-streams";
            return nullptr;
        }
        stream->id = next_id_++;
        open_.push_back(stream);
    }
    stream->subscription = admin_.subscribe(stream->feed);
    return stream;
}

void EventStreams::release(const std::shared_ptr<Stream>& stream) {
    if (stream->subscription) admin_.unsubscribe(stream->subscription);
    {
        std::lock_guard<std::mutex> lock(mu_);
        open_.erase(std::remove(open_.begin(), open_.end(), stream), open_.end());
    }
    ended_.notify_all();
}

void EventStreams::close_all(std::int64_t grace_ms) {
    std::vector<std::shared_ptr<Stream>> open;
    {
        std::lock_guard<std::mutex> lock(mu_);
        closing_ = true;
        open = open_;
    }
    if (open.empty()) return;
    for (const auto& s : open) s->feed->close();
    std::unique_lock<std::mutex> lock(mu_);
    ended_.wait_for(lock, std::chrono::milliseconds(grace_ms), [this] { return open_.empty(); });
    open = open_;
    lock.unlock();
    // Still open: blocked writing to a client that stopped reading. Shutting the socket down fails the write.
    for (const auto& s : open) shutdown_connection(s->local_port, s->remote_addr, s->remote_port);
}

bool EventStreams::pump(Stream& stream, httplib::DataSink& sink) {
    std::string out;
    if (!stream.hello_sent) {
        stream.hello_sent = true;
        append_event(out, "hello",
                     {{"NowMs", admin_.now()},
                      {"Virtual", admin_.virtual_clock()},
                      {"BatchMs", settings_.batch_ms},
                      {"FloodBatchMs", settings_.flood_batch_ms},
                      {"MaxRows", settings_.limits.request_rows},
                      {"Streams", open_streams()},
                      {"MaxStreams", settings_.max_streams}});
        return sink.write(out.data(), out.size());
    }
    events::FeedBatch batch =
        stream.feed->take(stream.flooding ? settings_.flood_batch_ms : settings_.batch_ms);
    if (stream.shared && !batch.closed) journal_rows(stream, batch);
    stream.flooding = batch.requests_skipped > 0;
    stream.interval_requests += batch.requests_seen;
    stream.interval_throttled += batch.throttled_seen;
    stream.skipped_total += batch.requests_skipped;
    stream.lost_total += batch.lost;
    if (batch.requests_seen) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& e : batch.requests)
            if (e) rows.push_back(request_row(*e));
        append_event(
            out, "requests",
            {{"Rows", rows}, {"Skipped", batch.requests_skipped}, {"SkippedTotal", stream.skipped_total}});
    }
    if (!batch.tasks.empty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& t : batch.tasks) list.push_back(task_json(t));
        append_event(out, "tasks", {{"Events", list}});
    }
    if (!batch.deliveries.empty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& a : batch.deliveries)
            if (a) list.push_back(a->to_json());
        append_event(out, "deliveries", {{"Attempts", list}});
    }
    if (!batch.faults.empty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& f : batch.faults)
            list.push_back({{"Id", f.fault_id},
                            {"Type", f.type},
                            {"Action", f.action},
                            {"Hits", f.hits},
                            {"LastTimeMs", f.last_time}});
        append_event(out, "faults", {{"Hits", list}});
    }
    if (batch.lost)
        append_event(
            out, "lost",
            {{"Lost", batch.lost},
             {"LostTotal", stream.lost_total},
             {"Why", "this stream fell behind: task, delivery and fault events over " +
                         std::to_string(settings_.limits.other_events) + " per batch were not kept"}});
    const std::int64_t now_ns = steady_now_ns();
    const std::int64_t interval_ns = now_ns - stream.stats_since_ns;
    if (interval_ns >= settings_.stats_ms * 1000000 || batch.closed) {
        const double seconds = std::max(1e-3, static_cast<double>(interval_ns) / 1e9);
        append_event(out, "stats",
                     {{"NowMs", admin_.now()},
                      {"Virtual", admin_.virtual_clock()},
                      {"IntervalMs", interval_ns / 1000000},
                      {"Requests", stream.interval_requests},
                      {"Throttled", stream.interval_throttled},
                      {"RequestRate", static_cast<double>(stream.interval_requests) / seconds},
                      {"ThrottledRate", static_cast<double>(stream.interval_throttled) / seconds},
                      {"SkippedTotal", stream.skipped_total},
                      {"LostTotal", stream.lost_total}});
        stream.stats_since_ns = now_ns;
        stream.interval_requests = stream.interval_throttled = 0;
    }
    if (batch.closed) {
        append_event(out, "bye", {{"Reason", "the mock is shutting down"}});
        if (!sink.write(out.data(), out.size())) return false;
        sink.done();
        return true;
    }
    return out.empty() || sink.write(out.data(), out.size());
}

void EventStreams::journal_rows(Stream& stream, events::FeedBatch& batch) {
    batch.requests.clear();
    batch.requests_seen = batch.requests_skipped = batch.throttled_seen = 0;
    JournalPage page;
    try {
        page = admin_.journal_after(stream.journal_seq, settings_.limits.request_rows);
    } catch (const state::Unavailable&) {
        return;  // the engine does not answer: the rows come once it does (health says why meanwhile)
    }
    batch.requests_seen = page.total;
    batch.requests_skipped = page.total - std::min(page.total, page.entries.size());
    for (auto& e : page.entries) {
        if (e->throttled) ++batch.throttled_seen;
        stream.journal_seq = std::max(stream.journal_seq, e->seq);
        batch.requests.push_back(std::move(e));
    }
}

void EventStreams::install(httplib::Server& server, const ServerOptions& options) {
    server.Get("/_mock/events",
               admin_guarded(options, [this](const httplib::Request& req, httplib::Response& res) {
                   std::string refusal;
                   auto stream = open(req, refusal);
                   if (!stream) {
                       res.set_header("Retry-After", "5");
                       admin_json(res, 503, {{"error", refusal}});
                       return;
                   }
                   res.set_header("Cache-Control", "no-store");
                   res.set_chunked_content_provider(
                       "text/event-stream",
                       [this, stream](std::size_t, httplib::DataSink& sink) { return pump(*stream, sink); },
                       [this, stream](bool) { release(stream); });
               }));
}

}  // namespace rtc
