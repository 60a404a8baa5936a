// Where an executable finds the project's data (the conformance scenario catalogue, fixtures, docs). Paths
// are given in the source tree's layout ("fixtures/conformance"); an install puts them in the same layout
// under share/rtc-mock/.
#pragma once

#include <string>
#include <vector>

namespace rtc::build_info {

// The directories searched, in order: the source tree, when the executable runs from the build tree it was
// built in; <directory of the executable>/../share/rtc-mock (found through /proc/self/exe, so an installed
// executable finds its data from any working directory, under any prefix or unpacked root); the install
// prefix compiled in (<prefix>/share/rtc-mock).
std::vector<std::string> data_dirs();
// The first existing <dir>/<rel> over data_dirs(); "" when there is none.
std::string find_data(const std::string& rel);

}  // namespace rtc::build_info
