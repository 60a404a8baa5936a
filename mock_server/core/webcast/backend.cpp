#include "core/webcast/backend.h"

#include "core/callbacks/backend.h"
#include "core/envelope.h"
#include "core/webcast/scripted_pages.h"

namespace rtc::webcast {

WebcastBackend::WebcastBackend(const Config& config, Scheduler& scheduler, const Console& console,
                               callbacks::CallbackBackend& callbacks, const events::Hub& hub,
                               std::unique_ptr<PageSource> pages)
    : config_(config),
      scheduler_(scheduler),
      console_(console),
      callbacks_(callbacks),
      hub_(hub),
      pages_(pages ? std::move(pages) : std::make_unique<ScriptedPages>(scheduler, config.lifecycle)) {}

WebcastBackend::~WebcastBackend() {
    shutdown();
}

WebcastBackend::Shard& WebcastBackend::shard_of(const TaskKey& key) const {
    return shards_[TaskKeyHash{}(key) % kShards];
}

WebcastBackend::Entry* WebcastBackend::live(Shard& s, const TaskKey& key, std::uint64_t generation,
                                            std::uint64_t instance) {
    auto it = s.entries.find(key);
    if (it == s.entries.end()) return nullptr;
    Entry& e = it->second;
    if (e.task.generation != generation || !e.task.running()) return nullptr;
    if (instance && e.rt.instance != instance) return nullptr;
    return &e;
}

std::optional<WebcastTask> WebcastBackend::get(const TaskKey& key) const {
    Shard& s = shard_of(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(key);
    if (it == s.entries.end()) return std::nullopt;
    return it->second.task;
}

std::vector<TaskView> WebcastBackend::all() const {
    std::vector<TaskView> out;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [k, e] : s.entries) out.push_back(TaskView{e.task, e.rt.page});
    }
    return out;
}

std::optional<std::string> WebcastBackend::callback_route(const std::string& app_id,
                                                          const std::string& business_id) const {
    auto setting = callbacks_.store().route(app_id, business_id);
    if (!setting) return std::nullopt;
    return setting->business_id;
}

std::shared_ptr<Page> WebcastBackend::page(const TaskKey& key) const {
    Shard& s = shard_of(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(key);
    return it == s.entries.end() ? nullptr : it->second.rt.page;
}

std::size_t WebcastBackend::size() const {
    std::size_t n = 0;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        n += s.entries.size();
    }
    return n;
}

std::size_t WebcastBackend::running() const {
    std::size_t n = 0;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (const auto& [k, e] : s.entries) n += e.task.running() ? 1 : 0;
    }
    return n;
}

void WebcastBackend::note_ended(const TaskKey& key, std::uint64_t generation) {
    const std::size_t max_ended = config_.tasks.max_ended_tasks;
    if (max_ended == 0) return;
    std::vector<std::pair<TaskKey, std::uint64_t>> evict;
    {
        std::lock_guard<std::mutex> lock(ended_mu_);
        ended_.emplace_back(key, generation);
        while (ended_.size() > max_ended) {
            evict.push_back(std::move(ended_.front()));
            ended_.pop_front();
        }
    }
    for (const auto& [k, gen] : evict) {
        Shard& s = shard_of(k);
        std::lock_guard<std::mutex> lock(s.mu);
        auto it = s.entries.find(k);
        // A task started again under the same key since then is another generation: it stays.
        if (it != s.entries.end() && !it->second.task.running() && it->second.task.generation == gen)
            s.entries.erase(it);
    }
}

void WebcastBackend::reset() {
    std::vector<std::shared_ptr<Page>> pages;
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        for (auto& [k, e] : s.entries)
            if (e.rt.page) pages.push_back(std::move(e.rt.page));
        s.timers.clear();
        s.alarm = 0;  // the Scheduler's timers are already gone
        s.entries.clear();
    }
    {
        std::lock_guard<std::mutex> lock(ended_mu_);
        ended_.clear();
    }
    for (auto& p : pages) p->close();
}

void WebcastBackend::shutdown() {
    // The page source makes every page inert first (PageSource::shutdown): no page reports any more, and no
    // page has to be visited one by one (a million scripted pages took most of a second to close).
    pages_->shutdown();
    // No task moves any more: the shards' timers go at once (not one by one: a million of them take seconds).
    // Only config timelines hold timers of their own on the Scheduler, and they name this backend.
    const bool timelines = !config_.timelines.empty();
    for (auto& s : shards_) {
        std::lock_guard<std::mutex> lock(s.mu);
        s.timers.clear();
        if (s.alarm) scheduler_.cancel(s.alarm);
        s.alarm = 0;
        if (!timelines) continue;
        for (auto& [k, e] : s.entries)
            if (e.rt.timeline)
                for (auto id : *e.rt.timeline) scheduler_.cancel(id);
    }
}

std::string webcast_task_result(const WebcastTask& t) {
    // Keys in byte order, as a nlohmann::json object keeps them.
    std::string out;
    out.reserve(512);
    auto number = [&out](const char* key, long long v) {
        out += key;
        out += std::to_string(v);
    };
    const auto& n = t.spec.event_notify;
    const auto& m = t.spec.monitor;
    number(R"({"WebCastTask":{"EndTime":)", t.end_time);
    out += R"(,"EventNotifyConfig":{"EnableEventNotify":)";
    out += n.enable_event_notify ? "true" : "false";
    number(R"(,"StartTimeout":)", n.start_timeout);
    number(R"(},"MaxRunningTime":)", t.spec.max_running_time);
    number(R"(,"MonitorConfig":{"BlankCheckInterval":)", m.blank_check_interval);
    number(R"(,"CrashCheckInterval":)", m.crash_check_interval);
    number(R"(,"FreezeCheckInterval":)", m.freeze_check_interval);
    out += R"(},"SourceURL":)";
    append_json_string(out, t.spec.source_url);
    number(R"(,"StartTime":)", t.start_time);
    number(R"(,"Status":)", static_cast<int>(t.status));
    out += R"(,"StopReason":)";
    append_json_string(out, t.stop_reason);
    out += R"(,"UserId":)";
    append_json_string(out, t.spec.user_id);
    out += R"(,"VideoSolutions":[)";
    for (std::size_t i = 0; i < t.spec.video_solutions.size(); ++i) {
        const VideoSolution& v = t.spec.video_solutions[i];
        number(i ? R"(,{"Bitrate":)" : R"({"Bitrate":)", v.bitrate);
        number(R"(,"FrameRate":)", v.frame_rate);
        number(R"(,"Height":)", v.height);
        number(R"(,"Width":)", v.width);
        out += '}';
    }
    out += "]}}";
    return out;
}

nlohmann::json page_state_json(const WebcastTask& task, const Page* page) {
    const PageState& p = task.page;
    nlohmann::json j = {{"Capturing", p.capturing},
                        {"StartEventSeen", p.start_event_seen},
                        {"Refreshes", p.refreshes},
                        {"Reschedules", p.reschedules},
                        {"StartTimeouts", p.start_timeouts}};
    // What the page itself says: a simulated page's Frozen/Blank/Crashed, a real page's console and errors.
    if (page) {
        const nlohmann::json described = page->describe();
        for (const auto& [k, v] : described.items()) j[k] = v;
    }
    return j;
}

}  // namespace rtc::webcast
