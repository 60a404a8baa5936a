// The timers of the tasks of one shard: an indexed min-heap of small plain slots (when, owner, order and
// kind), not one closure per timer. Each owner keeps the heap position of each of its timers, so moving or
// cancelling a timer is O(log n) and leaves nothing behind. Timers due at the same instant come out in the
// order they were set.
#pragma once

#include <cstdint>
#include <vector>

#include "core/time_ms.h"

namespace rtc::state::memory {

// `Owner` has `std::int32_t& timer_pos(int kind)` (-1 when that timer is not set).
template <typename Owner>
class TaskTimers {
  public:
    struct Slot {
        TimeMs when;
        Owner* owner;
        // The order it was set in, its kind in the low byte: 24 bytes a slot, not 32.
        std::uint64_t order_kind;
        int kind() const { return static_cast<int>(order_kind & 0xff); }
    };

    // Sets (or moves) the owner's timer of `kind` to `when`.
    void set(Owner& owner, int kind, TimeMs when) {
        std::int32_t& pos = owner.timer_pos(kind);
        const Slot slot{when, &owner, (next_order_++ << 8) | static_cast<std::uint8_t>(kind)};
        if (pos < 0) {
            heap_.push_back(slot);
            pos = static_cast<std::int32_t>(heap_.size() - 1);
            up(heap_.size() - 1);
            return;
        }
        heap_[static_cast<std::size_t>(pos)] = slot;
        fix(static_cast<std::size_t>(pos));
    }

    void cancel(Owner& owner, int kind) {
        std::int32_t& pos = owner.timer_pos(kind);
        if (pos < 0) return;
        const auto i = static_cast<std::size_t>(pos);
        pos = -1;
        const std::size_t last = heap_.size() - 1;
        if (i != last) {
            heap_[i] = heap_[last];
            place(i);
            heap_.pop_back();
            fix(i);
        } else {
            heap_.pop_back();
        }
    }

    bool empty() const { return heap_.empty(); }
    TimeMs when_at(std::int32_t pos) const { return heap_[static_cast<std::size_t>(pos)].when; }
    const Slot& top() const { return heap_.front(); }
    // Removes the earliest timer (the owner's position for it becomes -1) and returns it.
    Slot pop() {
        Slot s = heap_.front();
        cancel(*s.owner, s.kind());
        return s;
    }
    void clear() {
        for (auto& s : heap_) s.owner->timer_pos(s.kind()) = -1;
        heap_.clear();
    }
    std::size_t size() const { return heap_.size(); }

  private:
    static bool before(const Slot& a, const Slot& b) {
        return a.when != b.when ? a.when < b.when : a.order_kind < b.order_kind;
    }
    void place(std::size_t i) { heap_[i].owner->timer_pos(heap_[i].kind()) = static_cast<std::int32_t>(i); }
    void fix(std::size_t i) {
        if (i > 0 && before(heap_[i], heap_[(i - 1) / 2]))
            up(i);
        else
            down(i);
    }
    void up(std::size_t i) {
        while (i > 0) {
            const std::size_t parent = (i - 1) / 2;
            if (!before(heap_[i], heap_[parent])) break;
            std::swap(heap_[i], heap_[parent]);
            place(i);
            i = parent;
        }
        place(i);
    }
    void down(std::size_t i) {
        const std::size_t n = heap_.size();
        for (;;) {
            std::size_t best = i;
            const std::size_t l = 2 * i + 1, r = l + 1;
            if (l < n && before(heap_[l], heap_[best])) best = l;
            if (r < n && before(heap_[r], heap_[best])) best = r;
            if (best == i) break;
            std::swap(heap_[i], heap_[best]);
            place(i);
            i = best;
        }
        place(i);
    }

    std::vector<Slot> heap_;
    std::uint64_t next_order_ = 0;
};

}  // namespace rtc::state::memory
