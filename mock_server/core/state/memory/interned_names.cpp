#include "core/state/memory/interned_names.h"

#include <array>
#include <atomic>
#include <mutex>

namespace rtc::state::memory {

namespace {

std::atomic<std::uint64_t> next_id{1};

// The last few names each thread looked up, of whichever table (a start looks up its AppId and AccountId).
struct Recent {
    std::uint64_t owner = 0;
    const std::string* kept = nullptr;
};
thread_local std::array<Recent, 4> recent_names;
thread_local std::size_t recent_next = 0;

}  // namespace

InternedNames::InternedNames() : id_(next_id.fetch_add(1, std::memory_order_relaxed)) {}

const std::string* InternedNames::recent(const std::string& name) const {
    for (const Recent& r : recent_names)
        if (r.owner == id_ && *r.kept == name) return r.kept;
    return nullptr;
}

void InternedNames::remember(const std::string* kept) const {
    recent_names[recent_next++ % recent_names.size()] = Recent{id_, kept};
}

const std::string* InternedNames::find(const std::string& name) const {
    if (const std::string* kept = recent(name)) return kept;
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = names_.find(name);
    if (it == names_.end()) return nullptr;
    remember(&*it);
    return &*it;
}

const std::string* InternedNames::intern(const std::string& name) {
    if (const std::string* kept = find(name)) return kept;
    std::unique_lock<std::shared_mutex> lock(mu_);
    const std::string* kept = &*names_.insert(name).first;
    remember(kept);
    return kept;
}

}  // namespace rtc::state::memory
