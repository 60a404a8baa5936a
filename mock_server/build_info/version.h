// What every executable prints for --version: the project version and the git commit it was built from.
#pragma once

#include <string>
#include <string_view>

namespace rtc::build_info {

// The project version, from project(rtc_mock VERSION ...) in the top-level CMakeLists.txt.
std::string_view version();
// The commit the binary was built from ("1a2b3c4d5e6f", "1a2b3c4d5e6f-dirty"), "" when not built from a git
// checkout. Both are generated at build time by cmake/version_stamp.cmake.
std::string_view git_commit();
// "<program> <version>" plus " (git <commit>)" when the commit is known: the --version line.
std::string version_line(std::string_view program);

}  // namespace rtc::build_info
