#include "core/admin/admin.h"

namespace rtc::admin {

std::string Reply::error() const {
    if (ok() || !body.is_object()) return "";
    auto it = body.find("error");
    return it != body.end() && it->is_string() ? it->get<std::string>() : body.dump();
}

Reply Reply::failure(Status status, std::string message) {
    return Reply{status, {{"error", std::move(message)}}};
}

int http_status(Status status) {
    switch (status) {
        case Status::Ok:
            return 200;
        case Status::Created:
            return 201;
        case Status::Accepted:
            return 202;
        case Status::BadInput:
            return 400;
        case Status::NotFound:
            return 404;
        case Status::Conflict:
            return 409;
        case Status::Unavailable:
            return 503;
    }
    return 500;
}

Status status_of(int http) {
    switch (http) {
        case 200:
            return Status::Ok;
        case 201:
            return Status::Created;
        case 202:
            return Status::Accepted;
        case 404:
            return Status::NotFound;
        case 409:
            return Status::Conflict;
        default:
            return http >= 500 ? Status::Unavailable : Status::BadInput;
    }
}

}  // namespace rtc::admin
