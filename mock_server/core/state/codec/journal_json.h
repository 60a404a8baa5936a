// JSON of a request journal entry as the Redis engine stores it (and the state's export will write it): every
// field, the optional ones absent when unset, enums by name. Not the journal's view (JournalEntry::to_json,
// which masks secrets and formats times); decode_journal_entry throws std::invalid_argument naming a missing
// or mistyped field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/journal/journal.h"

namespace rtc::state::codec {

nlohmann::json encode(const JournalEntry& e);
JournalEntry decode_journal_entry(const nlohmann::json& j);

}  // namespace rtc::state::codec
