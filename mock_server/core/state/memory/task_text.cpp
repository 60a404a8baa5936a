#include "core/state/memory/task_text.h"

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

// The fields after the key, in order; `visit(field)` for each string of the task.
template <typename Task, typename Visit>
void text_fields(Task& t, Visit&& visit) {
    visit(t.spec.user_id);
    visit(t.spec.business_id);
    visit(t.spec.source_url);
    visit(t.account_id);
    visit(t.stop_reason);
    visit(t.page.host);
}

}  // namespace

void encode_key(std::string_view app_id, std::string_view room_id, std::string_view task_id,
                std::string& out) {
    put(out, app_id);
    put(out, room_id);
    put(out, task_id);
}

std::string_view key_at(const char* p) {
    const char* q = p;
    for (int i = 0; i < 3; ++i) get(q);
    return std::string_view(p, static_cast<std::size_t>(q - p));
}

TaskText::TaskText(std::string_view key, const WebcastTask& task) {
    thread_local std::string buf;
    buf.assign(key.data(), key.size());
    text_fields(task, [](const std::string& s) { put(buf, s); });
    const auto& solutions = task.spec.video_solutions;
    put_size(buf, solutions.size());
    for (const VideoSolution& v : solutions) {
        const int fields[4] = {v.width, v.height, v.frame_rate, v.bitrate};
        buf.append(reinterpret_cast<const char*>(fields), sizeof fields);
    }
    data_ = new char[buf.size()];
    std::memcpy(data_, buf.data(), buf.size());
}

webcast::TaskKey TaskText::task_key() const {
    const char* p = data_;
    webcast::TaskKey k;
    k.app_id = get(p);
    k.room_id = get(p);
    k.task_id = get(p);
    return k;
}

void TaskText::unpack(WebcastTask& out) const {
    const char* p = data_;
    out.spec.app_id = get(p);
    out.spec.room_id = get(p);
    out.spec.task_id = get(p);
    text_fields(out, [&](std::string& s) { s = get(p); });
    auto& solutions = out.spec.video_solutions;
    solutions.resize(get_size(p));
    for (VideoSolution& v : solutions) {
        int fields[4];
        std::memcpy(fields, p, sizeof fields);
        p += sizeof fields;
        v = VideoSolution{fields[0], fields[1], fields[2], fields[3]};
    }
}

bool TaskText::same(const WebcastTask& task) const {
    const char* p = data_ + key().size();
    bool same = true;
    text_fields(task, [&](const std::string& s) { same = get(p) == s && same; });
    const auto& solutions = task.spec.video_solutions;
    if (!same || get_size(p) != solutions.size()) return false;
    for (const VideoSolution& v : solutions) {
        const int fields[4] = {v.width, v.height, v.frame_rate, v.bitrate};
        if (std::memcmp(fields, p, sizeof fields) != 0) return false;
        p += sizeof fields;
    }
    return true;
}

}  // namespace rtc::state::memory
