#include "core/state/memory/task_text.h"

#include <cstdint>
#include <cstring>

namespace rtc::state::memory {

using webcast::VideoSolution;
using webcast::WebcastTask;

namespace {

void put_size(std::string& out, std::size_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7f) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

std::size_t get_size(const char*& p) {
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
        const auto b = static_cast<unsigned char>(*p++);
        n |= static_cast<std::size_t>(b & 0x7f) << shift;
        if (b < 0x80) return n;
    }
}

void put(std::string& out, std::string_view s) {
    put_size(out, s.size());
    out.append(s.data(), s.size());
}

std::string_view get(const char*& p) {
    const std::size_t n = get_size(p);
    const std::string_view s(p, n);
    p += n;
    return s;
}

// Integers zigzagged, so that small ones of either sign take a byte or two.
void put_int(std::string& out, int v) {
    const auto u = static_cast<std::uint32_t>(v);
    put_size(out, (u << 1) ^ (v < 0 ? 0xffffffffu : 0u));
}

int get_int(const char*& p) {
    const auto u = static_cast<std::uint32_t>(get_size(p));
    return static_cast<int>((u >> 1) ^ (0u - (u & 1)));
}

// An interned string (interned_names.h), by address.
void put_name(std::string& out, const std::string* name) {
    out.append(reinterpret_cast<const char*>(&name), sizeof name);
}

const std::string& get_name(const char*& p) {
    const std::string* name;
    std::memcpy(&name, p, sizeof name);
    p += sizeof name;
    return *name;
}

// The strings after the key, in order; `visit(field)` for each (the AccountId, interned, follows them).
template <typename Task, typename Visit>
void text_fields(Task& t, Visit&& visit) {
    visit(t.spec.user_id);
    visit(t.spec.business_id);
    visit(t.spec.source_url);
    visit(t.stop_reason);
    visit(t.page.host);
}

// The spec's numbers after the strings: `visit(int&)` for each (EnableEventNotify as 0 or 1).
template <typename Task, typename Visit>
void spec_numbers(Task& t, Visit&& visit) {
    visit(t.spec.max_running_time);
    visit(t.spec.monitor.freeze_check_interval);
    visit(t.spec.monitor.blank_check_interval);
    visit(t.spec.monitor.crash_check_interval);
    visit(t.spec.event_notify.start_timeout);
    for (auto& v : t.spec.video_solutions) {
        visit(v.width);
        visit(v.height);
        visit(v.frame_rate);
        visit(v.bitrate);
    }
}

}  // namespace

void encode_key(const std::string* app_id, std::string_view room_id, std::string_view task_id,
                std::string& out) {
    put_name(out, app_id);
    put(out, room_id);
    put(out, task_id);
}

std::string_view key_at(const char* p) {
    const char* q = p + sizeof(const std::string*);
    for (int i = 0; i < 2; ++i) get(q);
    return std::string_view(p, static_cast<std::size_t>(q - p));
}

TaskText::TaskText(std::string_view key, const std::string* account_id, const WebcastTask& task) {
    thread_local std::string buf;
    buf.assign(key.data(), key.size());
    text_fields(task, [](const std::string& s) { put(buf, s); });
    put_name(buf, account_id);
    buf += task.spec.event_notify.enable_event_notify ? '\1' : '\0';
    put_size(buf, task.spec.video_solutions.size());
    spec_numbers(task, [](int v) { put_int(buf, v); });
    data_ = new char[buf.size()];
    std::memcpy(data_, buf.data(), buf.size());
}

webcast::TaskKey TaskText::task_key() const {
    const char* p = data_;
    webcast::TaskKey k;
    k.app_id = get_name(p);
    k.room_id = get(p);
    k.task_id = get(p);
    return k;
}

void TaskText::unpack(WebcastTask& out) const {
    const char* p = data_;
    out.spec.app_id = get_name(p);
    out.spec.room_id = get(p);
    out.spec.task_id = get(p);
    text_fields(out, [&](std::string& s) { s = get(p); });
    out.account_id = get_name(p);
    out.spec.event_notify.enable_event_notify = *p++ != 0;
    out.spec.video_solutions.resize(get_size(p));
    spec_numbers(out, [&](int& v) { v = get_int(p); });
}

bool TaskText::same(const WebcastTask& task) const {
    const char* p = data_ + key().size();
    bool same = true;
    text_fields(task, [&](const std::string& s) { same = get(p) == s && same; });
    same = get_name(p) == task.account_id && same;
    same = same && (*p++ != 0) == task.spec.event_notify.enable_event_notify;
    if (!same || get_size(p) != task.spec.video_solutions.size()) return false;
    spec_numbers(task, [&](int v) { same = get_int(p) == v && same; });
    return same;
}

}  // namespace rtc::state::memory
