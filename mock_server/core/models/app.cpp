#include "core/models/app.h"

#include "core/enum_names.h"

namespace rtc {

namespace {
constexpr EnumName<WhiteboardMode> kWhiteboardModes[] = {{WhiteboardMode::Video, "video"},
                                                         {WhiteboardMode::Signaling, "signaling"},
                                                         {WhiteboardMode::None, "none"}};
}  // namespace

const char* to_string(WhiteboardMode mode) {
    return name_of(kWhiteboardModes, mode);
}

std::optional<WhiteboardMode> whiteboard_mode_from(std::string_view name) {
    return value_of(kWhiteboardModes, name);
}

std::vector<std::string> whiteboard_mode_names() {
    return names_of(kWhiteboardModes);
}

}  // namespace rtc
