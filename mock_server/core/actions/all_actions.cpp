#include "core/service.h"

namespace rtc {

void register_all_actions(ActionRegistry&) {}

}  // namespace rtc
