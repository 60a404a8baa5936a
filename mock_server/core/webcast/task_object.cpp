#include "core/webcast/task_object.h"

namespace rtc::webcast {

std::string webcast_task_result(const WebcastTask& task) {
    std::string out;
    out.reserve(512);
    {
        json::TextObject result(out);
        result.object("WebCastTask", [&](json::TextObject& o) { describe_task_object(task, o); });
    }
    return out;
}

nlohmann::json task_object_json(const WebcastTask& task) {
    nlohmann::json j = nlohmann::json::object();
    json::JsonObject o(j);
    describe_task_object(task, o);
    return j;
}

}  // namespace rtc::webcast
