#include "build_info/data_dir.h"

#include <filesystem>
#include <system_error>

namespace rtc::build_info {

namespace fs = std::filesystem;

namespace {

// True when `path` is `dir` or inside it.
bool inside(const fs::path& path, const fs::path& dir) {
    auto rel = path.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

std::vector<std::string> data_dirs() {
    std::vector<std::string> dirs;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && inside(exe, fs::weakly_canonical(RTC_BINARY_DIR, ec))) dirs.push_back(RTC_SOURCE_DIR);
    if (!exe.empty()) dirs.push_back((exe.parent_path().parent_path() / "share" / "rtc-mock").string());
    dirs.push_back(RTC_INSTALL_DATADIR);
    return dirs;
}

std::string find_data(const std::string& rel) {
    for (const auto& dir : data_dirs()) {
        std::error_code ec;
        fs::path candidate = fs::path(dir) / rel;
        if (fs::exists(candidate, ec)) return candidate.string();
    }
    return "";
}

}  // namespace rtc::build_info
