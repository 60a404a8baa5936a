#include "core/callbacks/backend.h"

namespace rtc::callbacks {

std::string CallbackBackend::emit(const std::string& app_id, const std::string& business_id,
                                  const std::string& task, const nlohmann::json& event_data, TimeMs when) {
    auto setting = store_.route(app_id, business_id);
    if (!setting) return "";
    return outbox_.emit(*setting, task, event_data, when);
}

void CallbackBackend::reset() {
    store_.reset();
    outbox_.reset();
}

}  // namespace rtc::callbacks
