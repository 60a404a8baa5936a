#include "core/callbacks/backend.h"

namespace rtc::callbacks {

std::string CallbackBackend::emit(const std::string& app_id, const std::string& business_id,
                                  const std::string& task, const nlohmann::json& event_data, TimeMs when) {
    return emit_made(app_id, business_id, when, [&](std::string& t, nlohmann::json& d) {
        t = task;
        d = event_data;
    });
}

}  // namespace rtc::callbacks
