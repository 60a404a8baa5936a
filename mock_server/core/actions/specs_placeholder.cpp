// TODO(issue 4): replace with the declarations of the five actions (webcast/spec.cpp, wbrecord/spec.cpp).
#include "core/actions/spec.h"

namespace rtc::spec {

const std::vector<ActionSpec>& action_specs() {
    static const std::vector<ActionSpec> specs = {
        {"StartWebcast", "2020-12-01", "POST", 150, "QPS <= 150", "003_ee78df9dd30827d9.txt", {}},
        {"StopWebcast", "2020-12-01", "POST", 150, "QPS <= 150", "API.md section 4", {}},
        {"GetWebCastTask", "2020-12-01", "GET", 60, "QPS <= 60", "API.md section 4", {}},
        {"StartWBRecord", "2020-12-01", "POST", 10, "10 requests/s per user", "000_bc1e2d560ec5fedc.txt", {}},
        {"StopWBRecord", "2020-12-01", "POST", 10, "10 requests/s per user", "API.md section 4", {}},
    };
    return specs;
}

const ActionSpec* find_action_spec(const std::string& name) {
    for (const auto& s : action_specs())
        if (s.name == name) return &s;
    return nullptr;
}

}  // namespace rtc::spec
