// One headless Chromium process: launched with its DevTools pipe on fds 3 and 4, in its own process group,
// with a fresh profile directory, killed with its whole group. PR_SET_PDEATHSIG takes it down if the thread
// that launched it goes away (the mock was killed); its helper processes follow it within about 1.5 s.
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rtc::pages {

// The browser binary to run: `configured` if set (it must be executable), else the Debian one found on this
// machine. "" with `why` when there is none.
std::string find_browser(const std::string& configured, std::string* why);

// The command-line flags of the browser: headless, DevTools on a pipe, no background traffic, host resolution
// limited by `resolver_rules` ("" = any host), --no-sandbox only when running as root.
std::vector<std::string> browser_flags(const std::string& profile_dir, const std::string& resolver_rules);

class BrowserProcess {
  public:
    // Starts `path` with browser_flags(); throws std::runtime_error naming the problem. Must be called from a
    // thread that lives as long as the browser should (PR_SET_PDEATHSIG follows the launching thread).
    static std::unique_ptr<BrowserProcess> launch(const std::string& path, const std::string& resolver_rules);
    ~BrowserProcess();
    BrowserProcess(const BrowserProcess&) = delete;
    BrowserProcess& operator=(const BrowserProcess&) = delete;

    pid_t pid() const { return pid_; }
    const std::string& profile_dir() const { return profile_dir_; }
    // The DevTools pipe ends, handed over once to the connection (which closes them).
    int take_to_browser_fd();
    int take_from_browser_fd();
    // The last lines the browser wrote to stderr (its log file), for error messages.
    std::string log_tail(std::size_t max_bytes = 600) const;
    // Waits up to grace_ms for the browser to exit by itself, then SIGKILLs its process group, reaps it
    // and removes its profile directory. Returns how it ended ("exit 0", "killed by signal 9"). Idempotent.
    std::string terminate(int grace_ms);

  private:
    BrowserProcess() = default;

    pid_t pid_ = -1;
    int to_fd_ = -1;
    int from_fd_ = -1;
    std::string profile_dir_;
    std::string ended_;
};

// Removes profile directories left by mocks that were killed (their process is gone).
void remove_stale_profiles();

}  // namespace rtc::pages
