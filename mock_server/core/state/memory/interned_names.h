// Strings many stored tasks share (AppIds, AccountIds), each kept once for the life of the table: a task's
// packed text (task_text.h) refers to them by address, 8 bytes, rather than holding a copy (an AppId is 24).
// Never forgotten: they are few (the apps and accounts of the config and of the admin API), and an address
// must stay valid for every task that holds it.
#pragma once

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <unordered_set>

namespace rtc::state::memory {

class InternedNames {
  public:
    InternedNames();
    // The kept copy of `name`, or null when it was never kept.
    const std::string* find(const std::string& name) const;
    // The kept copy of `name`, kept now if it was not.
    const std::string* intern(const std::string& name);

  private:
    // A name the calling thread looked up lately, so that the load test's few names take no lock.
    const std::string* recent(const std::string& name) const;
    void remember(const std::string* kept) const;

    mutable std::shared_mutex mu_;
    std::unordered_set<std::string> names_;  // a node's address stays as the set grows
    const std::uint64_t id_;                 // tells this table's names from another's in the threads' memory
};

}  // namespace rtc::state::memory
