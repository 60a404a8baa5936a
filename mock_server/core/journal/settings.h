// Settings of the request journal (config section `Journal`). Data only.
#pragma once

#include <cstddef>

namespace rtc {

class ConfigField;

struct JournalConfig {
    std::size_t capacity = 10000;
    std::size_t max_body_bytes = 4096;  // request bodies kept per entry, truncated beyond
};

void parse_journal_settings(const ConfigField& f, JournalConfig& out);

}  // namespace rtc
