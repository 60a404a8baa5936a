// The due timers of the Redis Webcast tasks (webcast_tasks.h): claiming, the next instant one is due, and
// dropping them all.
#include <cstdlib>
#include <limits>

#include "core/state/redis/task_key.h"
#include "core/state/redis/webcast_scripts.h"
#include "core/state/redis/webcast_tasks.h"

namespace rtc::state::redis {

namespace {

// A sorted set's score as Redis writes it ("30000", or in exponent form for a large one).
TimeMs score_of(const Reply& r) {
    return static_cast<TimeMs>(std::strtod(r.str.c_str(), nullptr));
}

}  // namespace

std::vector<DueTimer> RedisWebcastTasks::claim_due(TimeMs now, std::size_t max) {
    std::vector<DueTimer> out;
    if (max == 0) return out;
    Args args{std::to_string(now), std::to_string(max), std::to_string(now + ctx_.options.lease_ms),
              task_prefix_};
    {
        // Claims this process holds and will run are not taken over from it, lease ended or not.
        std::lock_guard<std::mutex> lock(claims_mu_);
        for (const auto& [member, claim] : claims_) args.push_back(member);
    }
    const Reply r = ctx_.client.eval(webcast_scripts::kClaim, {due_, claimed_}, args);
    out.reserve(r.size() / 3);
    std::lock_guard<std::mutex> lock(claims_mu_);
    for (std::size_t i = 0; i + 2 < r.size(); i += 3) {
        const std::string& member = r[i].str;
        const auto hash = member.rfind('#');
        auto key = hash == std::string::npos ? std::nullopt
                                             : parse_key_string(std::string_view(member).substr(0, hash));
        if (!key) continue;  // not a member we write
        const int kind = std::atoi(member.c_str() + hash + 1);
        if (kind < 0 || kind >= webcast_scripts::kTimers) continue;
        const auto generation = static_cast<std::uint64_t>(r[i + 2].as_int());
        claims_[member] = Claim{generation, r[i + 1].str};
        out.push_back(DueTimer{std::move(*key), generation, static_cast<WebcastTimer>(kind),
                               std::strtoll(r[i + 1].str.c_str(), nullptr, 10)});
    }
    return out;
}

std::optional<TimeMs> RedisWebcastTasks::next_due() const {
    std::size_t held = 0;
    {
        std::lock_guard<std::mutex> lock(claims_mu_);
        held = claims_.size();
    }
    // The earliest due timer, and the earliest claim whose lease ends and that this process does not hold:
    // reading one more claim than it holds finds it, if any.
    const auto r = ctx_.client.pipeline({{"ZRANGE", due_, "0", "0", "WITHSCORES"},
                                         {"ZRANGE", claimed_, "0", std::to_string(held), "WITHSCORES"}});
    std::optional<TimeMs> first;
    if (r[0].size() >= 2) first = score_of(r[0][1]);
    std::lock_guard<std::mutex> lock(claims_mu_);
    for (std::size_t i = 0; i + 1 < r[1].size(); i += 2) {
        if (claims_.count(r[1][i].str)) continue;
        const TimeMs lease_end = score_of(r[1][i + 1]);
        if (!first || lease_end < *first) first = lease_end;
        break;
    }
    return first;
}

std::size_t RedisWebcastTasks::pending_timers() const {
    return static_cast<std::size_t>(ctx_.client.call({"ZCARD", due_}).as_int());
}

void RedisWebcastTasks::drop_timers() {
    ctx_.client.call({"DEL", due_, claimed_});
    std::lock_guard<std::mutex> lock(claims_mu_);
    claims_.clear();
}

}  // namespace rtc::state::redis
