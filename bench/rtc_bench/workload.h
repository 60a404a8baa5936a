// What rtc-bench sends: an action mix over accounts, each request signed with the project's signer at the
// moment it is built (fresh X-Date), StartWebcast with a TaskId unique to the run, GetWebCastTask and
// StopWebcast on tasks this connection started.
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "core/signing/signer.h"
#include "http_conn.h"

namespace rtcbench {

struct MixEntry {
    std::string action;
    int weight = 1;
};

// "StartWebcast:8,GetWebCastTask:1,StopWebcast:1"; false with `error` on an unknown action or bad weight.
bool parse_mix(const std::string& text, std::vector<MixEntry>& out, std::string& error);

struct Account {
    rtc::signing::Credentials creds;
    std::string app_id;
};

// "AK:SK:APPID"
bool parse_account(const std::string& text, Account& out, std::string& error);

struct BuiltRequest {
    std::string action;
    std::string bytes;  // the whole HTTP/1.1 request
};

// One per connection thread: not shared.
class Workload {
  public:
    Workload(const Endpoint& ep, std::vector<MixEntry> mix, Account account, std::string run_id, int conn);
    BuiltRequest next(rtc::TimeMs now);
    // After a successful StartWebcast the task can be queried and stopped.
    void start_succeeded();
    // StartWebcast bodies carry this MaxRunningTime (0: leave it out, the documented default applies).
    void set_max_running_time(int seconds) { max_running_time_ = seconds; }

  private:
    std::string build(const std::string& method, const std::string& action, const rtc::QueryParams& extra,
                      const std::string& body, rtc::TimeMs now) const;
    const Endpoint& ep_;
    std::vector<MixEntry> mix_;
    int total_weight_ = 0;
    Account account_;
    std::string run_id_;
    int conn_;
    std::uint64_t seq_ = 0;
    std::string room_id_;
    std::string user_id_;
    std::deque<std::string> running_;  // tasks this connection started and has not stopped (bounded)
    std::string pending_start_;        // TaskId of the StartWebcast last built
    int max_running_time_ = 0;
    std::mt19937 rng_;
};

}  // namespace rtcbench
