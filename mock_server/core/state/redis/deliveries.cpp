#include "core/state/redis/deliveries.h"

#include <algorithm>

#include "core/state/codec/callbacks_json.h"
#include "core/state/codec/json_fields.h"
#include "core/state/redis/deliveries_scripts.h"
#include "core/state/redis/key_scan.h"

namespace rtc::state::redis {

namespace scripts = deliveries_scripts;
using callbacks::AttemptQuery;
using callbacks::AttemptRecord;
using callbacks::DeliveryRecord;
using callbacks::DueRetry;

namespace {

// A stored delivery: its encoded record (`j`) and where it stands (a, s, h, w), which the scripts change
// without decoding the record.
DeliveryRecord stored(const Reply& j, const Reply& a, const Reply& s, const Reply& h, const Reply& w) {
    DeliveryRecord d = codec::decode_delivery_record(nlohmann::json::parse(j.str));
    d.base.attempt = static_cast<int>(a.as_int());
    d.sending = static_cast<int>(s.as_int());
    d.holds_task_slot = h.as_int() == 1;
    d.waiting_turn = w.as_int() == 1;
    return d;
}

// {{id, attempt, when}, ...} as retries, earliest first.
std::vector<DueRetry> retries_of(const Reply& reply) {
    std::vector<DueRetry> out;
    for (const auto& r : reply.elements)
        out.push_back(DueRetry{r[0].str, static_cast<int>(r[1].as_int()), r[2].as_int()});
    std::stable_sort(out.begin(), out.end(),
                     [](const DueRetry& a, const DueRetry& b) { return a.when < b.when; });
    return out;
}

std::optional<TimeMs> first_score(const Reply& withscores) {
    if (withscores.size() < 2) return std::nullopt;
    return withscores[1].as_int();
}

}  // namespace

RedisDeliveries::RedisDeliveries(Context& ctx)
    : ctx_(ctx), prefix_(ctx.options.prefix), attempts_(ctx, "dl:a:", ctx.settings.deliveries_capacity) {}

void RedisDeliveries::add(DeliveryRecord d) {
    const std::size_t capacity = ctx_.settings.deliveries_capacity ? ctx_.settings.deliveries_capacity : 1;
    ctx_.client.eval(scripts::add(), {},
                     {prefix_, d.base.delivery_id, codec::store_text(codec::encode(d)),
                      std::to_string(d.base.attempt), std::to_string(d.sending),
                      d.holds_task_slot ? "1" : "0", d.waiting_turn ? "1" : "0", std::to_string(capacity)});
}

std::optional<DeliveryRecord> RedisDeliveries::find(const std::string& id) const {
    auto r = ctx_.client.call({"HMGET", prefix_ + "dl:d:" + id, "j", "a", "s", "h", "w"});
    if (r.size() < 5 || r[0].nil()) return std::nullopt;
    return stored(r[0], r[1], r[2], r[3], r[4]);
}

std::optional<DeliveryRecord> RedisDeliveries::begin_attempt(const std::string& id, int attempt) {
    auto r = ctx_.client.eval(scripts::begin_attempt(), {}, {prefix_, id, std::to_string(attempt)});
    if (r.nil() || r.size() < 5) return std::nullopt;
    return stored(r[0], r[1], r[2], r[3], r[4]);
}

void RedisDeliveries::end_attempt(const std::string& id) {
    ctx_.client.eval(scripts::end_attempt(), {}, {prefix_, id});
}

bool RedisDeliveries::take_task_slot(const std::string& task, const std::string& id) {
    return ctx_.client.eval(scripts::take_slot(), {}, {prefix_, task, id}).as_int() == 1;
}

std::optional<std::string> RedisDeliveries::release_task_slot(const std::string& task) {
    auto r = ctx_.client.eval(scripts::release_slot(), {}, {prefix_, task});
    if (r.nil()) return std::nullopt;
    return r.str;
}

std::vector<std::string> RedisDeliveries::drop_waiting() {
    auto r = ctx_.client.eval(scripts::drop_waiting(), {}, {prefix_, keys_under(ctx_, "dl:q:")});
    std::vector<std::string> out;
    for (const auto& id : r.elements) out.push_back(id.str);
    return out;
}

AttemptRecord RedisDeliveries::record(AttemptRecord attempt) {
    attempt.seq = 0;  // the stream's ID is the Seq
    attempt.seq = attempts_.append(codec::store_text(codec::encode(attempt)));
    return attempt;
}

std::vector<AttemptRecord> RedisDeliveries::attempts(const AttemptQuery& q) const {
    auto range = !q.filters() && q.limit ? attempts_.newest(q.limit, 0) : attempts_.after(0);
    std::vector<AttemptRecord> out;
    for (const auto& item : range.items) {
        AttemptRecord r = codec::decode_attempt_record(nlohmann::json::parse(item.payload));
        r.seq = item.seq;
        if (q.matches(r)) out.push_back(std::move(r));
    }
    if (q.limit && out.size() > q.limit) out.erase(out.begin(), out.end() - static_cast<long>(q.limit));
    return out;
}

void RedisDeliveries::schedule_retry(const std::string& id, int attempt, TimeMs when) {
    ctx_.client.eval(scripts::schedule_retry(), {},
                     {prefix_, id, std::to_string(attempt), std::to_string(when)});
    if (DueWakeup* wake = wakeup_.load()) wake->due_at(when);
}

std::optional<TimeMs> RedisDeliveries::next_due() const {
    // The earliest retry due, or the earliest claim whose lease runs out (its replica may have died).
    auto r = ctx_.client.pipeline({{"ZRANGE", prefix_ + "dl:due", "0", "0", "WITHSCORES"},
                                   {"ZRANGE", prefix_ + "dl:claimed", "0", "0", "WITHSCORES"}});
    auto due = first_score(r[0]), lease = first_score(r[1]);
    if (due && lease) return std::min(*due, *lease);
    return due ? due : lease;
}

std::vector<DueRetry> RedisDeliveries::claim_due(TimeMs now) {
    return retries_of(ctx_.client.eval(
        scripts::claim_due(), {}, {prefix_, std::to_string(now), std::to_string(ctx_.options.lease_ms)}));
}

std::vector<DueRetry> RedisDeliveries::take_retries() {
    return retries_of(ctx_.client.eval(scripts::take_retries(), {}, {prefix_}));
}

std::size_t RedisDeliveries::retries_pending() const {
    return static_cast<std::size_t>(ctx_.client.call({"ZCARD", prefix_ + "dl:due"}).as_int());
}

void RedisDeliveries::clear() {
    // Everything under dl: but the attempts' Seq counter, which never restarts.
    delete_keys(ctx_, keys_under(ctx_, "dl:"), attempts_.seq_key());
}

}  // namespace rtc::state::redis
