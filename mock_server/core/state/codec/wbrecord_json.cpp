#include "core/state/codec/wbrecord_json.h"

#include <string>

#include "core/state/codec/json_fields.h"

namespace rtc::state::codec {

using nlohmann::json;
using namespace wbrecord;

json encode(const WbRecordSpec& s) {
    return json{{"AppId", s.app_id},   {"RoomId", s.room_id},         {"TaskId", s.task_id},
                {"UserId", s.user_id}, {"BusinessId", s.business_id}, {"SourceURL", s.source_url}};
}

WbRecordSpec decode_wbrecord_spec(const json& j) {
    const std::string p = "Spec";
    WbRecordSpec s;
    s.app_id = read_string(j, p, "AppId");
    s.room_id = read_string(j, p, "RoomId");
    s.task_id = read_string(j, p, "TaskId");
    s.user_id = read_string(j, p, "UserId");
    s.business_id = read_string(j, p, "BusinessId");
    s.source_url = read_string(j, p, "SourceURL");
    return s;
}

json encode(const WbRecordTask& t) {
    return json{{"Spec", encode(t.spec)},    {"AccountId", t.account_id}, {"StartTime", t.start_time},
                {"EndTime", t.end_time},     {"Running", t.running},      {"StopReason", t.stop_reason},
                {"Generation", t.generation}};
}

WbRecordTask decode_wbrecord_task(const json& j) {
    WbRecordTask t;
    t.spec = decode_wbrecord_spec(member(j, "", "Spec"));
    t.account_id = read_string(j, "", "AccountId");
    t.start_time = read_int(j, "", "StartTime");
    t.end_time = read_int(j, "", "EndTime");
    t.running = read_bool(j, "", "Running");
    t.stop_reason = read_string(j, "", "StopReason");
    t.generation = read_uint(j, "", "Generation");
    return t;
}

}  // namespace rtc::state::codec
