// Requests the end-to-end tests send through rtc::ApiClient.
#pragma once

#include <string>

#include "http/api_client.h"

namespace rtc::test {

// A StartWebcast with the required fields, on app ...00 of the default fixture (account AKLTLOCALMOCK).
inline ApiCall start_webcast_call(const std::string& task, const std::string& room = "r") {
    ApiCall call;
    call.action = "StartWebcast";
    call.params = {{"AppId", "600000000000000000000000"},
                   {"RoomId", room},
                   {"TaskId", task},
                   {"UserId", "u"},
                   {"SourceURL", "https://example.com"}};
    return call;
}

}  // namespace rtc::test
