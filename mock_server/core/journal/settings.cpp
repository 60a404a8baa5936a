#include "core/journal/settings.h"

#include "core/config_reader.h"

namespace rtc {

void parse_journal_settings(const ConfigField& f, JournalConfig& out) {
    f.only_keys({"Capacity", "MaxBodyBytes"});
    f.get("Capacity", out.capacity, 1, 10000000);
    f.get("MaxBodyBytes", out.max_body_bytes, 0, 1 << 20);
}

}  // namespace rtc
