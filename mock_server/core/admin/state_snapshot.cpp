#include "core/admin/state_snapshot.h"

#include <stdexcept>
#include <vector>

#include "core/service_parts.h"
#include "core/state/codec/console_json.h"
#include "core/state/codec/fault_json.h"
#include "core/state/codec/wbrecord_json.h"
#include "core/state/codec/webcast_json.h"

namespace rtc::admin {

namespace {

using state::codec::encode;

struct ImportedTask {
    webcast::WebcastTask task;
    std::vector<state::ArmedTimer> timers;
};

// The document, decoded whole before anything changes (a bad one changes nothing).
struct Snapshot {
    std::vector<App> apps;
    std::vector<callbacks::CallbackSetting> settings;
    std::vector<ImportedTask> webcast;
    std::vector<wbrecord::WbRecordTask> wbrecord;
    std::vector<faults::FaultRule> faults;
};

const nlohmann::json& list_of(const nlohmann::json& doc, const char* name) {
    static const nlohmann::json empty = nlohmann::json::array();
    auto it = doc.find(name);
    if (it == doc.end()) return empty;
    if (!it->is_array()) throw std::invalid_argument(std::string(name) + " must be an array");
    return *it;
}

Snapshot decode(const nlohmann::json& doc) {
    if (!doc.is_object()) throw std::invalid_argument("the state document must be a JSON object");
    auto format = doc.find("Format");
    if (format == doc.end() || *format != kStateFormat)
        throw std::invalid_argument(std::string("Format must be \"") + kStateFormat + "\"");
    Snapshot s;
    for (const auto& a : list_of(doc, "Apps")) s.apps.push_back(state::codec::decode_app(a));
    for (const auto& c : list_of(doc, "CallbackSettings"))
        s.settings.push_back(state::codec::decode_callback_setting(c));
    for (const auto& w : list_of(doc, "WebcastTasks")) {
        if (!w.is_object() || !w.contains("Task"))
            throw std::invalid_argument("each of WebcastTasks is {\"Task\": {...}, \"Timers\": {...}}");
        ImportedTask t{state::codec::decode_webcast_task(w["Task"]), {}};
        if (auto timers = w.find("Timers"); timers != w.end()) {
            if (!timers->is_object()) throw std::invalid_argument("WebcastTasks[].Timers must be an object");
            for (const auto& [name, when] : timers->items()) {
                auto kind = webcast::webcast_timer_from(name);
                if (!kind || !when.is_number_integer())
                    throw std::invalid_argument("WebcastTasks[].Timers." + name +
                                                " is not a timer kind with an instant in ms");
                t.timers.push_back({*kind, when.get<TimeMs>()});
            }
        }
        s.webcast.push_back(std::move(t));
    }
    for (const auto& w : list_of(doc, "WbRecordTasks"))
        s.wbrecord.push_back(state::codec::decode_wbrecord_task(w));
    for (const auto& f : list_of(doc, "Faults")) s.faults.push_back(state::codec::decode_fault_rule(f));
    return s;
}

}  // namespace

nlohmann::json export_state(ServiceParts& p) {
    state::StateEngine& e = *p.engine;
    const TimeMs now = p.clock->now_ms();
    nlohmann::json doc{{"Format", kStateFormat}, {"Engine", e.name()}, {"ExportedAtMs", now}};
    auto& apps = doc["Apps"] = nlohmann::json::array();
    for (const auto& a : e.apps().all()) apps.push_back(encode(a));
    auto& settings = doc["CallbackSettings"] = nlohmann::json::array();
    for (const auto& c : e.callback_settings().all()) settings.push_back(encode(c));
    auto& webcast = doc["WebcastTasks"] = nlohmann::json::array();
    // The records first: an engine visits under its own locks, which timers() takes too.
    std::vector<webcast::WebcastTask> tasks;
    e.webcast_tasks().for_each([&](const webcast::WebcastTask& t) { tasks.push_back(t); });
    for (const auto& t : tasks) {
        nlohmann::json timers = nlohmann::json::object();
        for (const auto& armed : e.webcast_tasks().timers(webcast::key_of(t.spec)))
            timers[webcast::to_string(armed.timer)] = armed.when;
        webcast.push_back({{"Task", encode(t)}, {"Timers", std::move(timers)}});
    }
    auto& wbrecord = doc["WbRecordTasks"] = nlohmann::json::array();
    for (const auto& t : e.wbrecord_tasks().all()) wbrecord.push_back(encode(t));
    auto& faults = doc["Faults"] = nlohmann::json::array();
    for (const auto& r : e.fault_rules().rules()) faults.push_back(encode(r));
    return doc;
}

std::optional<std::string> import_state(ServiceParts& p, const nlohmann::json& doc) {
    Snapshot s;
    try {
        s = decode(doc);
    } catch (const std::exception& e) {
        return std::string(e.what());
    }
    // Everything goes but the clock: the document's instants are on the clock it was saved with.
    p.engine->reset();
    p.reset_local();
    state::StateEngine& e = *p.engine;
    const TimeMs now = p.clock->now_ms();
    for (const auto& a : s.apps) e.apps().put(a);
    for (const auto& c : s.settings) {
        e.callback_settings().put(c.app_id, c.business_id, c.callback, c.created_at);
    }
    for (auto& t : s.webcast) {
        const auto timers = t.timers;
        e.webcast_tasks().create(
            t.task, true,
            [&timers](state::TaskTxn& txn) {
                for (const auto& armed : timers) txn.arm(armed.timer, armed.when);
            },
            [](const webcast::WebcastTask&) {});
    }
    for (const auto& t : s.wbrecord) {
        e.wbrecord_tasks().start(t.spec, t.account_id, t.start_time, true);
        if (!t.running) e.wbrecord_tasks().stop(t.key(), t.end_time, t.stop_reason);
    }
    for (auto rule : s.faults) {
        // A rule goes on with what it has left: its remaining count and time (the generator starts again).
        if (rule.remaining) rule.count = rule.remaining;
        if (rule.expires_at_ms)
            rule.expires_in_seconds = std::max<std::int64_t>(0, (*rule.expires_at_ms - now) / 1000);
        std::string error;
        if (!e.fault_rules().add(std::move(rule), now, error)) return error;
    }
    return std::nullopt;
}

}  // namespace rtc::admin
