#include "recording/recorder_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <map>
#include <mutex>
#include <vector>

namespace rtc::recording {

namespace {

constexpr const char* kPluginFile = "rtc-mock-recorder.so";

struct Plugin {
    RecorderOpen open = nullptr;
    std::string error;  // why there is none
};

std::string executable_dir() {
    char buf[4096];
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf);
    if (n <= 0) return "";
    std::string exe(buf, static_cast<std::size_t>(n));
    return exe.substr(0, exe.rfind('/'));
}

Plugin load(const std::string& given) {
    std::vector<std::string> tried;
    if (!given.empty()) {
        tried.push_back(given);
    } else {
        const std::string dir = executable_dir();
        tried.push_back(dir + "/" + kPluginFile);
        tried.push_back(dir + "/../lib/rtc-mock/" + kPluginFile);
    }
    Plugin plugin;
    std::string why;
    for (const auto& path : tried) {
        if (access(path.c_str(), F_OK) != 0) continue;
        // Never closed: recordings may outlive any one caller, and the process ends soon after the last.
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            why = std::string("could not load ") + path + ": " + dlerror();
            break;
        }
        auto version = reinterpret_cast<RecorderVersion>(dlsym(handle, kRecorderVersionEntry));
        auto open = reinterpret_cast<RecorderOpen>(dlsym(handle, kRecorderEntry));
        if (!version || !open) {
            why = path + " is not rtc-mock's recorder plugin (no " + kRecorderEntry + ")";
            break;
        }
        if (std::string(version()) != RTC_PROJECT_VERSION) {
            why = path + " is rtc-mock-recorder " + version() + ", not " + RTC_PROJECT_VERSION +
                  ": install the rtc-mock-recorder package of the same version as rtc-mock";
            break;
        }
        plugin.open = open;
        return plugin;
    }
    if (why.empty()) {
        why = std::string("recording needs the encoder plugin ") + kPluginFile +
              " (the Debian package rtc-mock-recorder, or the -chromium container image); looked for ";
        for (std::size_t i = 0; i < tried.size(); ++i) why += (i ? ", " : "") + tried[i];
    }
    plugin.error = why;
    return plugin;
}

// The loader's state, made on first use: set_recorder_plugin may run from another file's static initializer.
struct LoaderState {
    std::mutex mu;
    std::string default_plugin;            // "" = the places beside the executable
    std::map<std::string, Plugin> loaded;  // by the path asked for
};
LoaderState& loader() {
    static LoaderState state;
    return state;
}

}  // namespace

void set_recorder_plugin(const std::string& plugin) {
    std::lock_guard<std::mutex> lock(loader().mu);
    loader().default_plugin = plugin;
}

std::unique_ptr<Recorder> open_recorder(const std::string& path, const VideoSpec& spec, std::string* error,
                                        const std::string& given) {
    LoaderState& state = loader();
    Plugin plugin;
    {
        std::lock_guard<std::mutex> lock(state.mu);
        const std::string plugin_path = given.empty() ? state.default_plugin : given;
        auto it = state.loaded.find(plugin_path);
        if (it == state.loaded.end()) it = state.loaded.emplace(plugin_path, load(plugin_path)).first;
        plugin = it->second;
    }
    if (!plugin.open) {
        if (error) *error = plugin.error;
        return nullptr;
    }
    std::string why;
    std::unique_ptr<Recorder> recorder(plugin.open(path.c_str(), &spec, &why));
    if (!recorder && error) *error = why;
    return recorder;
}

}  // namespace rtc::recording
