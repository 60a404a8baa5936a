#include "pages/recording_store.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "pages/page_recording.h"

namespace rtc::pages {

namespace {

namespace fs = std::filesystem;

// A file name part from an id: ids may hold any character, the name keeps [A-Za-z0-9_-] and escapes the rest.
std::string name_part(const std::string& id) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : id) {
        if (std::isalnum(c) || c == '_' || c == '-') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

constexpr const char* kTempPrefix = "rtc-mock-recordings-";  // then the owner's pid, "-" and mkdtemp's part

// The temp folders of mocks that were killed (SIGKILL leaves them no chance to remove theirs): the owner's
// pid is in the name, and a folder whose owner is gone is removed.
void remove_stale_folders(const fs::path& temp) {
    std::error_code ec;
    for (fs::directory_iterator it(temp, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& entry = it->path();
        const std::string name = entry.filename().string();
        if (name.rfind(kTempPrefix, 0) != 0) continue;
        const pid_t owner = static_cast<pid_t>(std::atol(name.c_str() + std::strlen(kTempPrefix)));
        if (owner <= 0 || owner == getpid() || kill(owner, 0) == 0 || errno != ESRCH) continue;
        std::error_code ignored;
        fs::remove_all(entry, ignored);
    }
}

}  // namespace

RecordingStore::RecordingStore(const PagesSettings& settings, std::shared_ptr<const Clock> clock)
    : settings_(settings), clock_(std::move(clock)) {
    std::error_code ec;
    if (settings.record_dir.empty()) {
        const fs::path temp = fs::temp_directory_path(ec);
        if (!ec) remove_stale_folders(temp);
        std::string pattern = (temp / (kTempPrefix + std::to_string(getpid()) + "-XXXXXX")).string();
        if (ec || !mkdtemp(&pattern[0]))
            throw std::runtime_error("Pages.RecordDir: cannot make a folder under the system temp dir");
        folder_ = pattern;
        made_folder_ = true;
        return;
    }
    folder_ = settings.record_dir;
    fs::create_directories(folder_, ec);
    if (ec || !fs::is_directory(folder_))
        throw std::runtime_error("Pages.RecordDir: cannot make the folder " + folder_ +
                                 (ec ? " (" + ec.message() + ")" : ""));
}

RecordingStore::~RecordingStore() {
    if (!made_folder_) return;
    std::error_code ec;
    fs::remove_all(folder_, ec);
}

std::shared_ptr<PageRecording> RecordingStore::start(const webcast::PageRequest& request,
                                                     std::shared_ptr<const recording::Picture> first,
                                                     std::function<void()> want_frame) {
    recording::VideoSpec spec;
    spec.width = request.width;
    spec.height = request.height;
    spec.frame_rate = request.frame_rate;
    spec.bitrate_kbps = request.bitrate_kbps;
    spec.speed = settings_.record_speed;
    const std::string path = folder_ + "/" + name_part(request.key.app_id) + "_" +
                             name_part(request.key.room_id) + "_" + name_part(request.key.task_id) + "_g" +
                             std::to_string(request.generation) + "_p" + std::to_string(request.instance) +
                             ".webm";
    auto kept = std::make_shared<Kept>();
    kept->key = request.key;
    std::weak_ptr<RecordingStore> weak = weak_from_this();
    // `ended` may run inside start() (a file that does not open): the entry is listed before.
    {
        std::lock_guard<std::mutex> lock(mu_);
        kept_.push_back(kept);
        newest_[request.key] = kept;
    }
    auto rec =
        PageRecording::start(path, spec, clock_, std::move(first), std::move(want_frame), [weak, kept] {
            if (auto self = weak.lock()) self->ended(kept);
        });
    std::lock_guard<std::mutex> lock(mu_);
    kept->recording = rec;
    return rec;
}

void RecordingStore::ended(const std::shared_ptr<Kept>& done) {
    std::vector<std::string> remove;
    std::vector<std::shared_ptr<PageRecording>> dropped;  // let go of outside the lock
    {
        std::lock_guard<std::mutex> lock(mu_);
        done->ended = ++ends_;
        std::int64_t total = 0;
        std::uint64_t newest_end = 0;
        for (const auto& k : kept_) {
            if (k->recording) total += k->recording->bytes();
            newest_end = std::max(newest_end, k->ended);
        }
        // Oldest ended first; kept_ is in start order, so pick by end order.
        while (total > settings_.record_max_bytes) {
            std::shared_ptr<Kept> oldest;
            for (const auto& k : kept_)
                if (k->ended && k->ended != newest_end && k->recording &&
                    (!oldest || k->ended < oldest->ended))
                    oldest = k;
            if (!oldest) break;
            total -= oldest->recording->bytes();
            remove.push_back(oldest->recording->path());
            oldest->evicted = true;
            dropped.push_back(std::move(oldest->recording));
            kept_.erase(std::find(kept_.begin(), kept_.end(), oldest));
        }
    }
    for (const auto& path : remove) std::remove(path.c_str());
}

webcast::RecordingBytes RecordingStore::read(const webcast::TaskKey& key) const {
    std::shared_ptr<PageRecording> rec;
    {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = newest_.find(key);
        if (it == newest_.end())
            return {std::nullopt, "the page of " + key.str() + " has not recorded a frame yet"};
        if (it->second->evicted)
            return {std::nullopt, "the recording of " + key.str() +
                                      " was deleted to keep the recordings within Pages.RecordMaxBytes (" +
                                      std::to_string(settings_.record_max_bytes) + ")"};
        rec = it->second->recording;
    }
    if (!rec) return {std::nullopt, "the recording of " + key.str() + " is starting"};
    std::string bytes = rec->read();
    if (bytes.empty()) {
        const auto facts = rec->describe();
        return {std::nullopt, "the recording of " + key.str() + " failed: " +
                                  facts.value("Error", std::string("its file could not be read"))};
    }
    return {std::move(bytes), ""};
}

}  // namespace rtc::pages
