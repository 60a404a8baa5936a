#include "core/webcast/task_object.h"

namespace rtc::webcast {

std::string webcast_task_result(const WebcastTask& task) {
    std::string out;
    out.reserve(512);
    {
        JsonTextObject result(out);
        result.object("WebCastTask", [&](JsonTextObject& o) { describe_task_object(task, o); });
    }
    return out;
}

nlohmann::json task_object_json(const WebcastTask& task) {
    nlohmann::json j = nlohmann::json::object();
    JsonDocObject o(j);
    describe_task_object(task, o);
    return j;
}

}  // namespace rtc::webcast
