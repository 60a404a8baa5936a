#include "core/admin/service_admin.h"

#include <algorithm>
#include <regex>

#include "core/actions/spec.h"
#include "core/admin/app_settings.h"
#include "core/admin/state_snapshot.h"
#include "core/admin/views.h"
#include "core/config_reader.h"
#include "core/service_parts.h"

namespace rtc::admin {

namespace {

Reply ok(nlohmann::json body, Status status = Status::Ok) {
    return Reply{status, std::move(body)};
}

Reply bad(std::string message) {
    return Reply::failure(Status::BadInput, std::move(message));
}

Reply not_found(std::string message) {
    return Reply::failure(Status::NotFound, std::move(message));
}

}  // namespace

namespace {

// 503 naming the state engine while it does not answer; nullopt while it does.
std::optional<Reply> engine_down(state::StateEngine& engine) {
    if (engine.available()) return std::nullopt;
    const std::string name = engine.name();
    return Reply{Status::Unavailable,
                 {{"status", "unavailable"},
                  {"StateEngine", name},
                  {"error", "the state engine " + name + " does not answer"}}};
}

}  // namespace

Reply ServiceAdmin::health() {
    if (auto down = engine_down(*p_.engine)) return *down;
    return ok({{"status", "ok"}});  // exactly this document: scripts compare it
}

Reply ServiceAdmin::ready() {
    if (auto down = engine_down(*p_.engine)) return *down;
    return ok({{"status", "ready"}, {"StateEngine", p_.engine->name()}});
}

Reply ServiceAdmin::export_state() {
    return ok(admin::export_state(p_));
}

Reply ServiceAdmin::import_state(const nlohmann::json& document) {
    if (auto error = admin::import_state(p_, document)) return {Status::BadInput, {{"error", *error}}};
    return ok({{"status", "imported"}, {"StateEngine", p_.engine->name()}});
}

std::string ServiceAdmin::state_engine() const {
    return p_.engine->name();
}

bool ServiceAdmin::shared_state() const {
    return p_.engine->shared();
}

JournalPage ServiceAdmin::journal_after(std::uint64_t since, std::size_t limit) {
    JournalFilter f;
    f.since = since;
    f.limit = limit;
    return p_.engine->journal().query(f);
}

std::uint64_t ServiceAdmin::journal_newest_seq() {
    return p_.engine->journal().stats().recorded;
}

Reply ServiceAdmin::reset() {
    p_.reset();
    return ok({{"status", "reset"}});
}

Reply ServiceAdmin::clock() {
    return ok({{"NowMs", p_.clock->now_ms()}, {"Virtual", p_.clock->is_virtual()}});
}

Reply ServiceAdmin::advance_clock(double seconds) {
    if (!(seconds >= 0) || seconds > 10.0 * 365 * 86400)
        return bad("Seconds must be a number in [0, 315360000]");
    p_.pump.advance(static_cast<TimeMs>(seconds * 1000.0));
    return clock();
}

Reply ServiceAdmin::requests(const JournalFilter& filter) {
    return ok(journal_page_json(p_.engine->journal().query(filter)));
}

Reply ServiceAdmin::request(std::uint64_t seq) {
    auto entry = p_.engine->journal().at(seq);
    if (!entry)
        return not_found("no journal entry " + std::to_string(seq) +
                         " (never recorded, evicted by the bound, or cleared)");
    return ok(entry->to_json());
}

Reply ServiceAdmin::count_requests(const JournalFilter& filter) {
    if (filter.limit) return bad("limit does not apply to a count");
    return ok({{"Count", p_.engine->journal().count(filter)}});
}

Reply ServiceAdmin::verify_requests(const JournalFilter& filter, const CountBounds& b) {
    const int given = (b.count ? 1 : 0) + (b.at_least ? 1 : 0) + (b.at_most ? 1 : 0);
    if (given == 0 || (b.count && given > 1)) return bad("give Count, or AtLeast and/or AtMost");
    const std::uint64_t n = p_.engine->journal().count(filter);
    std::string expected;
    if (b.count && n != *b.count) expected = "exactly " + std::to_string(*b.count);
    if (b.at_least && n < *b.at_least) expected = "at least " + std::to_string(*b.at_least);
    if (b.at_most && n > *b.at_most) expected = "at most " + std::to_string(*b.at_most);
    if (expected.empty()) return ok({{"Ok", true}, {"Count", n}});
    return Reply{Status::Conflict,
                 {{"Ok", false},
                  {"Count", n},
                  {"error", "expected " + expected + " matching requests, found " + std::to_string(n)}}};
}

Reply ServiceAdmin::clear_requests() {
    p_.engine->journal().clear();
    return ok({{"status", "cleared"}});
}

Reply ServiceAdmin::add_fault(const nlohmann::json& body) {
    std::string error;
    auto rule = faults::parse_fault_rule(body, error);
    if (!rule) return bad(error);
    // A misspelt scope would silently never match: name the actions and accounts there are.
    if (rule->action != "*" && !p_.actions.has_action(rule->action)) {
        std::string names;
        for (const auto& d : p_.actions.all())
            if (names.find(d.name()) == std::string::npos) names += (names.empty() ? "" : ", ") + d.name();
        return bad("Action " + rule->action + " is not an action of the mock (\"*\" or one of: " + names +
                   ")");
    }
    if (!rule->account_id.empty() && !p_.config.account_by_id(rule->account_id))
        return bad("AccountId " + rule->account_id + " is not an account of the fixture");
    auto stored = p_.engine->fault_rules().add(std::move(*rule), p_.clock->now_ms(), error);
    if (!stored) return Reply::failure(Status::Conflict, error);
    return ok(*stored, Status::Created);
}

Reply ServiceAdmin::faults() {
    return ok({{"Faults", p_.engine->fault_rules().list(p_.clock->now_ms())}});
}

Reply ServiceAdmin::fault(const std::string& id) {
    if (auto rule = p_.engine->fault_rules().get(id, p_.clock->now_ms())) return ok(*rule);
    return not_found("no fault rule " + id);
}

Reply ServiceAdmin::remove_fault(const std::string& id) {
    if (p_.engine->fault_rules().remove(id)) return ok({{"status", "deleted"}, {"Id", id}});
    return not_found("no fault rule " + id);
}

Reply ServiceAdmin::clear_faults() {
    const std::size_t n = p_.engine->fault_rules().clear();
    return ok({{"status", "cleared"}, {"Deleted", n}});
}

Reply ServiceAdmin::deliveries(const callbacks::AttemptQuery& query) {
    const auto& outbox = p_.callbacks.outbox();
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : outbox.attempts(query)) list.push_back(a.to_json());
    return ok(
        {{"Attempts", list}, {"InFlight", outbox.in_flight()}, {"RetriesPending", outbox.retries_pending()}});
}

Reply ServiceAdmin::resend(const std::string& delivery_id) {
    std::string error;
    if (!p_.callbacks.outbox().resend(delivery_id, error)) return not_found(error);
    return ok({{"DeliveryId", delivery_id}, {"Resent", true}}, Status::Accepted);
}

std::optional<Reply> ServiceAdmin::check_callback_target(const std::string& app_id,
                                                         const std::string& business_id) const {
    if (!p_.engine->apps().find(app_id)) return not_found("no app " + app_id);
    // A BusinessId names a setting of the app other than its default (docs/service-facts.md §5).
    static const std::regex id(spec::kIdPattern);
    if (!business_id.empty() && !std::regex_match(business_id, id))
        return bad(std::string("BusinessId must match ") + spec::kIdPattern);
    return std::nullopt;
}

nlohmann::json ServiceAdmin::app_callback_json(const std::string& app_id,
                                               const std::string& business_id) const {
    const auto& store = p_.engine->callback_settings();
    auto s = store.get(app_id, business_id);
    nlohmann::json all = nlohmann::json::array();
    for (const auto& each : store.of_app(app_id)) all.push_back(callback_json(each, true));
    return {{"AppId", app_id},
            {"BusinessId", business_id},
            {"Callback", s ? callback_json(*s, true) : nlohmann::json(nullptr)},
            {"Callbacks", all}};
}

Reply ServiceAdmin::app_callback(const std::string& app_id, const std::string& business_id) {
    if (auto failed = check_callback_target(app_id, business_id)) return *failed;
    return ok(app_callback_json(app_id, business_id));
}

Reply ServiceAdmin::put_app_callback(const std::string& app_id, const std::string& business_id,
                                     const nlohmann::json& body) {
    if (auto failed = check_callback_target(app_id, business_id)) return *failed;
    const std::string where = "PUT /_mock/apps/" + app_id + "/callback";
    try {
        AppCallback cb = parse_app_callback(ConfigField(body, "", where));
        p_.engine->callback_settings().put(app_id, business_id, cb, p_.clock->now_ms());
    } catch (const ConfigError& e) {
        return bad(e.what());
    }
    return ok(app_callback_json(app_id, business_id));
}

Reply ServiceAdmin::delete_app_callback(const std::string& app_id, const std::string& business_id) {
    if (auto failed = check_callback_target(app_id, business_id)) return *failed;
    p_.engine->callback_settings().remove(app_id, business_id);
    return ok(app_callback_json(app_id, business_id));
}

Reply ServiceAdmin::test_callback(const std::string& app_id, const std::string& business_id,
                                  const nlohmann::json& body) {
    if (auto failed = check_callback_target(app_id, business_id)) return *failed;
    const TimeMs now = p_.clock->now_ms();
    nlohmann::json data =
        body.value("EventData",
                   nlohmann::json{{"AppId", app_id}, {"Status", 0}, {"Reason", "Test"}, {"Timestamp", now}});
    // Routed as a task of that BusinessId would be: its setting, else the app's default.
    const std::string id = p_.callbacks.emit(app_id, business_id, "", data, now);
    if (id.empty())
        return Reply::failure(Status::Conflict, "the app " + app_id + " has no callback for this event type");
    return ok({{"EventId", id}, {"DeliveryId", id}}, Status::Accepted);
}

Reply ServiceAdmin::apps() {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : p_.engine->apps().all()) list.push_back(app_json(a, p_.engine->callback_settings()));
    return ok({{"Apps", list}});
}

Reply ServiceAdmin::app(const std::string& app_id) {
    if (auto a = p_.engine->apps().find(app_id)) return ok(app_json(*a, p_.engine->callback_settings()));
    return not_found("no app " + app_id);
}

Reply ServiceAdmin::change_app(const std::string& app_id, const nlohmann::json& change) {
    AppChange c = admin::change_app(p_.engine->apps(), p_.engine->callback_settings(), p_.config.accounts,
                                    app_id, change, p_.clock->now_ms());
    if (c.status == 404) return not_found(c.error);
    if (c.status >= 400) return bad(c.error);
    return ok(app_json(*c.app, p_.engine->callback_settings()),
              c.status == 201 ? Status::Created : Status::Ok);
}

Reply ServiceAdmin::tasks() {
    return ok(tasks_json(p_));
}

Reply ServiceAdmin::page_event(const webcast::TaskKey& key, const std::string& name) {
    auto event = webcast::page_event_from(name);
    if (!event) {
        std::string names;
        for (const auto& n : webcast::page_event_names()) names += (names.empty() ? "" : ", ") + n;
        return bad("Event must be one of " + names);
    }
    using R = webcast::PageEventResult;
    switch (p_.webcast.page_event(key, *event)) {
        case R::Applied:
            break;
        case R::UnknownTask:
            return not_found("no webcast task " + key.str());
        case R::TaskNotRunning:
            return Reply::failure(Status::Conflict, "the webcast task " + key.str() + " is not running");
        case R::NotifyDisabled:
            return Reply::failure(Status::Conflict,
                                  "the task was started without EnableEventNotify, so its page has no "
                                  "onWebcastStart()/onWebcastEnd()");
        case R::NotSimulated:
            return Reply::failure(Status::Conflict,
                                  std::string("the task's page is a real page (--pages ") +
                                      p_.webcast.page_source() +
                                      "): its state comes from the page, not from the admin API");
    }
    nlohmann::json out = {{"Event", webcast::to_string(*event)}, {"Applied", true}};
    if (auto task = p_.webcast.get(key)) {
        out["Status"] = static_cast<int>(task->status);
        out["StopReason"] = task->stop_reason;
        out["Page"] = p_.webcast.page_state(*task);
    }
    return ok(out);
}

Reply ServiceAdmin::task_events(const std::string& family, const webcast::TaskKey& key) {
    if (family != "webcast" && family != "wbrecord")
        return bad("the task family must be webcast or wbrecord");
    const auto f = family == "webcast" ? events::TaskFamily::Webcast : events::TaskFamily::WbRecord;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : p_.task_log->of(f, key.app_id, key.room_id, key.task_id))
        list.push_back(events::to_json(e));
    return ok({{"Events", std::move(list)}});
}

Screenshot ServiceAdmin::screenshot(const webcast::TaskKey& key) {
    Screenshot out;
    auto page = p_.webcast.page(key);
    if (!page) {
        out.reply = not_found(p_.webcast.get(key) ? "the webcast task " + key.str() +
                                                        " has no page now (it has ended or is between pages)"
                                                  : "no webcast task " + key.str());
        return out;
    }
    auto png = page->screenshot_png();
    if (!png) {
        const std::string source = p_.webcast.page_source();
        out.reply = not_found(source == "chromium" ? "the page of " + key.str() + " has no frame yet"
                                                   : "the page of " + key.str() + " is simulated (--pages " +
                                                         source + "): it has no frames");
        return out;
    }
    out.png = std::move(*png);
    return out;
}

Recording ServiceAdmin::recording(const webcast::TaskKey& key) {
    Recording out;
    auto found = p_.webcast.recording(key);
    if (found.webm) {
        out.webm = std::move(*found.webm);
        return out;
    }
    if (!p_.webcast.get(key)) {
        out.reply = not_found("no webcast task " + key.str());
        return out;
    }
    const std::string source = p_.webcast.page_source();
    out.reply = not_found(!found.missing.empty() ? found.missing
                          : source == "chromium"
                              ? "the task " + key.str() + " has no recording (Pages.Record is false)"
                              : "the page of " + key.str() + " is simulated (--pages " + source +
                                    "): it is not recorded");
    return out;
}

Reply ServiceAdmin::state() {
    return ok(state_json(p_));
}

std::string ServiceAdmin::metrics() {
    return metrics_text(p_);
}

events::Hub::Id ServiceAdmin::subscribe(std::shared_ptr<events::Subscriber> subscriber, unsigned topics) {
    return p_.hub.subscribe(std::move(subscriber), topics);
}

void ServiceAdmin::unsubscribe(events::Hub::Id id) {
    p_.hub.unsubscribe(id);
}

bool ServiceAdmin::closing() const {
    return p_.hub.closed();
}

TimeMs ServiceAdmin::now() const {
    return p_.clock->now_ms();
}

bool ServiceAdmin::virtual_clock() const {
    return p_.clock->is_virtual();
}

std::vector<std::string> ServiceAdmin::actions() const {
    std::vector<std::string> names;
    for (const auto& d : p_.actions.all()) names.push_back(d.name());
    std::sort(names.begin(), names.end());
    return names;
}

std::size_t ServiceAdmin::stored_tasks() const {
    return p_.webcast.counts().stored + p_.wbrecord.size();
}

}  // namespace rtc::admin
