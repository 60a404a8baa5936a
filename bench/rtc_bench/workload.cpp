#include "workload.h"

#include <cstdlib>

#include <nlohmann/json.hpp>

namespace rtcbench {

namespace {
// The actions rtc-bench knows how to fill in; the others would need fixture-specific parameters.
const char* kActions[] = {"StartWebcast", "GetWebCastTask", "StopWebcast"};
constexpr std::size_t kMaxRunning = 4096;
constexpr const char* kSourceUrl = "https://example.com/live/page.html";
}  // namespace

bool parse_mix(const std::string& text, std::vector<MixEntry>& out, std::string& error) {
    out.clear();
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        MixEntry e;
        auto colon = item.find(':');
        e.action = item.substr(0, colon);
        if (colon != std::string::npos) {
            char* end = nullptr;
            long w = std::strtol(item.c_str() + colon + 1, &end, 10);
            if (*end != '\0' || w < 0 || w > 1000000) {
                error = "bad weight in --mix item \"" + item + "\"";
                return false;
            }
            e.weight = static_cast<int>(w);
        }
        bool known = false;
        for (const char* a : kActions) known = known || e.action == a;
        if (!known) {
            error = "--mix: unknown action \"" + e.action + "\" (StartWebcast, GetWebCastTask, StopWebcast)";
            return false;
        }
        if (e.weight > 0) out.push_back(e);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (out.empty()) {
        error = "--mix has no action with a positive weight";
        return false;
    }
    return true;
}

bool parse_account(const std::string& text, Account& out, std::string& error) {
    auto a = text.find(':');
    auto b = a == std::string::npos ? a : text.find(':', a + 1);
    if (b == std::string::npos || a == 0 || b == a + 1 || b + 1 >= text.size()) {
        error = "--account must be AK:SK:APPID, got \"" + text + "\"";
        return false;
    }
    out.creds = {text.substr(0, a), text.substr(a + 1, b - a - 1), ""};
    out.app_id = text.substr(b + 1);
    return true;
}

Workload::Workload(const Endpoint& ep, std::vector<MixEntry> mix, Account account, std::string run_id,
                   int conn)
    : ep_(ep),
      mix_(std::move(mix)),
      account_(std::move(account)),
      run_id_(std::move(run_id)),
      conn_(conn),
      room_id_("bench-room-" + std::to_string(conn)),
      user_id_("bench_user_" + std::to_string(conn)),
      rng_(static_cast<unsigned>(conn) * 7919u + 17u) {
    for (const auto& m : mix_) total_weight_ += m.weight;
}

std::string Workload::build(const std::string& method, const std::string& action,
                            const rtc::QueryParams& extra, const std::string& body, rtc::TimeMs now) const {
    rtc::signing::OutgoingRequest req;
    req.method = method;
    req.host = ep_.host_header;
    req.path = ep_.path;
    req.query = {{"Action", action}, {"Version", "2020-12-01"}};
    req.query.insert(req.query.end(), extra.begin(), extra.end());
    req.body = body;
    if (method == "POST") req.headers.push_back({"Content-Type", "application/json"});
    rtc::signing::SignedOutput s = rtc::signing::sign_headers(req, account_.creds, {}, now);
    std::string out;
    out.reserve(512 + body.size());
    out += method;
    out += ' ';
    out += ep_.path;
    out += '?';
    out += s.query.empty() ? rtc::encode_query(req.query) : s.query;
    out += " HTTP/1.1\r\n";
    for (const auto& h : s.headers) {
        out += h.name;
        out += ": ";
        out += h.value;
        out += "\r\n";
    }
    if (method == "POST") {
        out += "Content-Length: ";
        out += std::to_string(body.size());
        out += "\r\n";
    }
    out += "\r\n";
    out += body;
    return out;
}

BuiltRequest Workload::next(rtc::TimeMs now) {
    int pick = static_cast<int>(rng_() % static_cast<unsigned>(total_weight_));
    const MixEntry* m = &mix_.front();
    for (const auto& e : mix_) {
        if (pick < e.weight) {
            m = &e;
            break;
        }
        pick -= e.weight;
    }
    BuiltRequest out;
    out.action = m->action;
    if (m->action == "StartWebcast") {
        pending_start_ = "t" + run_id_ + "-" + std::to_string(conn_) + "-" + std::to_string(++seq_);
        nlohmann::json body = {{"AppId", account_.app_id},
                               {"RoomId", room_id_},
                               {"TaskId", pending_start_},
                               {"UserId", user_id_},
                               {"SourceURL", kSourceUrl}};
        if (max_running_time_ > 0) body["MaxRunningTime"] = max_running_time_;
        out.bytes = build("POST", m->action, {}, body.dump(), now);
        return out;
    }
    // Query or stop a task this connection started; before any, one that was never started (an error).
    std::string task = running_.empty() ? "t" + run_id_ + "-none" : running_.back();
    if (m->action == "StopWebcast") {
        if (!running_.empty()) running_.pop_back();
        nlohmann::json body = {{"AppId", account_.app_id}, {"RoomId", room_id_}, {"TaskId", task}};
        out.bytes = build("POST", m->action, {}, body.dump(), now);
    } else {
        out.bytes = build("GET", m->action,
                          {{"AppId", account_.app_id}, {"RoomId", room_id_}, {"TaskId", task}}, "", now);
    }
    return out;
}

void Workload::start_succeeded() {
    if (pending_start_.empty()) return;
    running_.push_back(pending_start_);
    pending_start_.clear();
    if (running_.size() > kMaxRunning) running_.pop_front();
}

}  // namespace rtcbench
