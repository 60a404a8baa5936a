#include "build_info/version.h"

namespace rtc::build_info {

std::string version_line(std::string_view program) {
    std::string line(program);
    line += ' ';
    line += version();
    if (!git_commit().empty()) {
        line += " (git ";
        line += git_commit();
        line += ')';
    }
    return line;
}

}  // namespace rtc::build_info
