// What a stored Webcast task was started with, and its strings: its key, the spec's other strings, the stop
// reason, the page's host, the account, then the spec's numbers (MaxRunningTime, MonitorConfig,
// EventNotifyConfig, VideoSolutions), packed into one allocation of length-prefixed strings and
// variable-length integers: a running task's strings cost their bytes, not a 32-byte std::string each plus a
// heap block for every long one, numbers that never change after the start take a byte or three, and the
// AppId and AccountId, which many tasks share, are the address of the table's one copy (interned_names.h).
// The task key comes first, in the encoding of encode_key, so the table keys its entries by these bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/models/webcast.h"

namespace rtc::state::memory {

// The interned AppId's address, then RoomId and TaskId each prefixed by its length (so no two keys share an
// encoding), appended to `out`.
void encode_key(const std::string* app_id, std::string_view room_id, std::string_view task_id,
                std::string& out);
// The bytes of the encoded key at `p` (encode_key's output, or a TaskText's data).
std::string_view key_at(const char* p);

class TaskText {
  public:
    TaskText() = default;
    // The task's text under `key` (encode_key's bytes: the task's own key, which the table keeps), its
    // AccountId the interned `account_id`.
    TaskText(std::string_view key, const std::string* account_id, const webcast::WebcastTask& task);
    ~TaskText() { delete[] data_; }
    TaskText(TaskText&& o) noexcept : data_(o.data_) { o.data_ = nullptr; }
    TaskText& operator=(TaskText&& o) noexcept {
        std::swap(data_, o.data_);
        return *this;
    }
    TaskText(const TaskText&) = delete;
    TaskText& operator=(const TaskText&) = delete;

    std::string_view key() const { return key_at(data_); }
    webcast::TaskKey task_key() const;
    // Writes the text and the spec's numbers into `out` (reusing its strings' capacity); the other fields are
    // left as they are.
    void unpack(webcast::WebcastTask& out) const;
    // True when packing `task` would give the same bytes (its key aside).
    bool same(const webcast::WebcastTask& task) const;
    // Where the data pointer lives: the table's key refers to it, so it follows a repacked text.
    const char* const* data_slot() const { return &data_; }

  private:
    char* data_ = nullptr;
};

}  // namespace rtc::state::memory
