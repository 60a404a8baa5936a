// The query strings of the admin API, read and written in one place: the journal filter of
// `GET /_mock/requests` and the delivery query of `GET /_mock/callbacks`. The HTTP routes read them; the
// admin client (http/admin_client.h) writes them back for a remote mock.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/journal/journal.h"
#include "core/models/callbacks.h"

namespace rtc::admin {

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// The filter names of `GET /_mock/requests`, in order (for error messages and docs).
const std::vector<std::string>& journal_filter_names();
// Reads a filter from query parameters. Returns an error message for an unknown name, a repeated name or a
// bad value; nullopt when the filter is good.
std::optional<std::string> parse_journal_filter(const QueryPairs& params, JournalFilter& out);
QueryPairs journal_filter_params(const JournalFilter& filter);

// `event_id`, `app_id`, `task`, `outcome` (delivered, retrying, failed, abandoned), `limit`.
std::optional<std::string> parse_attempt_query(const QueryPairs& params, callbacks::AttemptQuery& out);
QueryPairs attempt_query_params(const callbacks::AttemptQuery& query);

}  // namespace rtc::admin
