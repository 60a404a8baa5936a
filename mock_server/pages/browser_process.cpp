#include "pages/browser_process.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace rtc::pages {

namespace {

constexpr const char* kProfilePrefix = "rtc-mock-chromium-";

// The binaries themselves, not the /usr/bin wrapper scripts: a wrapper shell would stand between the mock
// and the browser, and PR_SET_PDEATHSIG would stop at it.
constexpr const char* kCandidates[] = {
    "/usr/lib/chromium/chromium-headless-shell",
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium-headless-shell",
    "/usr/bin/chromium",
};

std::string temp_dir() {
    const char* t = std::getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}

int remove_entry(const char* path, const struct stat*, int, struct FTW*) {
    return ::remove(path);
}

void remove_tree(const std::string& dir) {
    if (!dir.empty()) nftw(dir.c_str(), remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    return "status " + std::to_string(status);
}

// Moves fd above the descriptors the child will set up (0 to 4), so its dup2 calls cannot clobber it.
int high_fd(int fd) {
    if (fd < 0) return fd;
    int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    close(fd);
    return h;
}

}  // namespace

std::string find_browser(const std::string& configured, std::string* why) {
    if (!configured.empty()) {
        if (access(configured.c_str(), X_OK) == 0) return configured;
        if (why) *why = "Pages.BrowserPath " + configured + " is not an executable file";
        return "";
    }
    for (const char* c : kCandidates)
        if (access(c, X_OK) == 0) return c;
    if (why)
        *why =
            "no browser found: install chromium-headless-shell (scripts/setup.sh does) or set "
            "Pages.BrowserPath";
    return "";
}

std::vector<std::string> browser_flags(const std::string& profile_dir, const std::string& resolver_rules) {
    std::vector<std::string> f = {
        "--headless",
        "--remote-debugging-pipe",
        "--user-data-dir=" + profile_dir,
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-breakpad",
        "--disable-crash-reporter",
        "--disable-domain-reliability",
        "--metrics-recording-only",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--mute-audio",
        "--hide-scrollbars",
        "--disable-dev-shm-usage",
    };
    if (!resolver_rules.empty()) f.push_back("--host-resolver-rules=" + resolver_rules);
    if (geteuid() == 0) f.push_back("--no-sandbox");  // Chromium refuses to run as root with its sandbox
    f.push_back("about:blank");
    return f;
}

std::unique_ptr<BrowserProcess> BrowserProcess::launch(const std::string& path,
                                                       const std::string& resolver_rules) {
    remove_stale_profiles();
    std::string tmpl = temp_dir() + "/" + kProfilePrefix + std::to_string(getpid()) + "-XXXXXX";
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a profile directory in " + temp_dir());
    std::unique_ptr<BrowserProcess> p(new BrowserProcess());
    p->profile_dir_ = tmpl;

    int to_browser[2], from_browser[2];
    if (pipe2(to_browser, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    if (pipe2(from_browser, O_CLOEXEC) != 0) {
        close(to_browser[0]);
        close(to_browser[1]);
        throw std::runtime_error("pipe2 failed");
    }
    const int child_in = high_fd(to_browser[0]);
    const int child_out = high_fd(from_browser[1]);
    const std::string log_path = p->profile_dir_ + "/browser.log";
    const int log_fd = high_fd(open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    const int null_fd = high_fd(open("/dev/null", O_RDONLY | O_CLOEXEC));

    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    std::vector<std::string> args = browser_flags(p->profile_dir_, resolver_rules);
    args.insert(args.begin(), path);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    sigset_t none;
    sigemptyset(&none);
    const pid_t parent = getpid();

    const pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(126);  // the mock died before prctl
        // The mock blocks SIGINT/SIGTERM for its signal thread and ignores SIGPIPE: the browser must not.
        sigprocmask(SIG_SETMASK, &none, nullptr);
        signal(SIGPIPE, SIG_DFL);
        dup2(child_in, 3);
        dup2(child_out, 4);
        dup2(null_fd, 0);
        if (log_fd >= 0) {
            dup2(log_fd, 1);
            dup2(log_fd, 2);
        }
        syscall(SYS_close_range, 5u, ~0u, 0u);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(child_in);
    close(child_out);
    if (log_fd >= 0) close(log_fd);
    if (null_fd >= 0) close(null_fd);
    if (pid < 0) {
        close(to_browser[1]);
        close(from_browser[0]);
        remove_tree(p->profile_dir_);
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    }
    setpgid(pid, pid);  // also here, so the group exists whichever side runs first
    p->pid_ = pid;
    p->to_fd_ = to_browser[1];
    p->from_fd_ = from_browser[0];
    return p;
}

BrowserProcess::~BrowserProcess() {
    terminate(0);
    if (to_fd_ >= 0) close(to_fd_);
    if (from_fd_ >= 0) close(from_fd_);
}

int BrowserProcess::take_to_browser_fd() {
    int fd = to_fd_;
    to_fd_ = -1;
    return fd;
}

int BrowserProcess::take_from_browser_fd() {
    int fd = from_fd_;
    from_fd_ = -1;
    return fd;
}

std::string BrowserProcess::log_tail(std::size_t max_bytes) const {
    std::ifstream in(profile_dir_ + "/browser.log", std::ios::binary);
    if (!in) return "";
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    if (s.size() > max_bytes) s = s.substr(s.size() - max_bytes);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    for (auto& c : s)
        if (c == '\n') c = ' ';
    return s;
}

std::string BrowserProcess::terminate(int grace_ms) {
    if (pid_ <= 0) return ended_;
    // Wait for the browser to leave by itself (after Browser.close), without reaping it: while it is a zombie
    // its pid, and so its process group id, cannot be reused, and the group kill below is safe.
    siginfo_t info;
    for (int waited = 0;; waited += 10) {
        std::memset(&info, 0, sizeof(info));
        if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
            info.si_pid == pid_)
            break;
        if (waited >= grace_ms) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(-pid_, SIGKILL);  // the browser if still there, and every helper process of its group
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    ended_ = describe_status(status);
    pid_ = -1;
    remove_tree(profile_dir_);
    return ended_;
}

void remove_stale_profiles() {
    const std::string dir = temp_dir();
    DIR* d = opendir(dir.c_str());
    if (!d) return;
    const std::string prefix = kProfilePrefix;
    while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name.rfind(prefix, 0) != 0) continue;
        const pid_t owner = static_cast<pid_t>(std::atol(name.c_str() + prefix.size()));
        if (owner <= 0 || owner == getpid() || kill(owner, 0) == 0 || errno != ESRCH) continue;
        remove_tree(dir + "/" + name);
    }
    closedir(d);
}

}  // namespace rtc::pages
