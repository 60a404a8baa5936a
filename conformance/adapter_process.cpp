#include "conformance/adapter_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "core/clock.h"
#include "core/enum_names.h"

namespace rtc::conformance {

namespace {

constexpr EnumName<Outcome> kOutcomes[] = {{Outcome::Success, "success"},
                                           {Outcome::Error, "error"},
                                           {Outcome::ClientError, "client_error"},
                                           {Outcome::Invalid, "invalid"}};

const std::size_t kMaxOut = 1 << 20;
const std::size_t kKeepErr = 4096;

// In the child: own process group (so a deadline kills the whole tree), the environment, then sh -c.
[[noreturn]] void exec_child(const std::string& command, const std::map<std::string, std::string>& env) {
    ::setpgid(0, 0);
    for (const auto& [k, v] : env) {
        if (v.empty())
            ::unsetenv(k.c_str());  // e.g. no session token outside STS scenarios, whatever the harness had
        else
            ::setenv(k.c_str(), v.c_str(), 1);
    }
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
}

}  // namespace

const char* to_string(Outcome outcome) {
    return name_of(kOutcomes, outcome);
}

std::optional<Outcome> outcome_from(const std::string& name) {
    return value_of(kOutcomes, name);
}

AdapterRun run_adapter(const std::string& command, const std::map<std::string, std::string>& env,
                       const std::string& input, std::int64_t deadline_ms) {
    AdapterRun run;
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0) return run;
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return run;
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) return run;
    const std::int64_t t0 = steady_now_ns();
    pid_t pid = ::fork();
    if (pid < 0) return run;
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        exec_child(command, env);
    }
    ::setpgid(pid, pid);
    run.started = true;
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    // The request is small; write it all and close stdin so the adapter sees EOF.
    signal(SIGPIPE, SIG_IGN);
    std::size_t off = 0;
    while (off < input.size()) {
        ssize_t n = ::write(in_pipe[1], input.data() + off, input.size() - off);
        if (n <= 0) break;
        off += static_cast<std::size_t>(n);
    }
    ::close(in_pipe[1]);

    bool out_open = true, err_open = true;
    char buf[8192];
    while (out_open || err_open) {
        const std::int64_t left = deadline_ms - (steady_now_ns() - t0) / 1000000;
        if (left <= 0) {
            run.timed_out = true;
            break;
        }
        pollfd fds[2] = {{out_open ? out_pipe[0] : -1, POLLIN, 0}, {err_open ? err_pipe[0] : -1, POLLIN, 0}};
        int r = ::poll(fds, 2, static_cast<int>(left > 1000 ? 1000 : left));
        if (r < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) {
                (i == 0 ? out_open : err_open) = false;
                continue;
            }
            std::string& dst = i == 0 ? run.out : run.err;
            if (dst.size() < kMaxOut) dst.append(buf, static_cast<std::size_t>(n));
        }
    }
    if (run.timed_out) ::kill(-pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    if (run.err.size() > kKeepErr) run.err = run.err.substr(run.err.size() - kKeepErr);
    run.elapsed_ms = (steady_now_ns() - t0) / 1000000;
    return run;
}

ClientReport parse_report(const AdapterRun& run) {
    ClientReport r;  // Invalid until the line says otherwise
    if (!run.started) {
        r.message = "the adapter command could not be started";
        return r;
    }
    if (run.timed_out) {
        r.message = "the adapter did not finish before the harness deadline";
        return r;
    }
    std::string line;
    std::size_t end = run.out.size();
    while (end > 0) {
        std::size_t start = run.out.rfind('\n', end - 1);
        start = start == std::string::npos ? 0 : start + 1;
        std::string candidate = run.out.substr(start, end - start);
        if (candidate.find_first_not_of(" \t\r\n") != std::string::npos) {
            line = candidate;
            break;
        }
        end = start == 0 ? 0 : start - 1;
    }
    if (line.empty()) {
        r.message = "the adapter printed nothing (exit " + std::to_string(run.exit_code) + ")" +
                    (run.err.empty() ? "" : "; stderr: " + run.err.substr(0, 300));
        return r;
    }
    r.raw = nlohmann::json::parse(line, nullptr, false);
    if (r.raw.is_discarded() || !r.raw.is_object()) {
        r.message = "the adapter's last line is not a JSON object: " + line.substr(0, 200);
        return r;
    }
    if (r.raw.contains("ClientError")) {
        r.outcome = Outcome::ClientError;
        r.message = r.raw["ClientError"].is_string() ? r.raw["ClientError"].get<std::string>()
                                                     : r.raw["ClientError"].dump();
        return r;
    }
    if (!r.raw.contains("HttpStatus") || !r.raw.contains("Error")) {
        r.message =
            "the adapter's JSON has neither ClientError nor HttpStatus + Error: " + line.substr(0, 200);
        return r;
    }
    if (r.raw["HttpStatus"].is_number_integer()) r.http_status = r.raw["HttpStatus"].get<int>();
    const auto& e = r.raw["Error"];
    if (e.is_null()) {
        r.outcome = Outcome::Success;
        return r;
    }
    r.outcome = Outcome::Error;
    if (e.is_object()) {
        if (e.contains("Code") && e["Code"].is_string()) r.code = e["Code"].get<std::string>();
        if (e.contains("Message") && e["Message"].is_string()) r.message = e["Message"].get<std::string>();
    } else {
        r.message = e.dump();
    }
    return r;
}

AdapterServer::~AdapterServer() {
    stop();
}

bool AdapterServer::start(const std::string& command, const std::map<std::string, std::string>& env) {
    pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) {
        int devnull = ::open("/dev/null", O_RDWR);
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        exec_child(command, env);
    }
    ::setpgid(pid, pid);
    pid_ = pid;
    return true;
}

bool AdapterServer::reap() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    pid_ = -1;
    return true;
}

void AdapterServer::stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    // Give it a moment to exit cleanly, then make sure.
    for (int i = 0; i < 20; ++i) {
        int status;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        ::usleep(50000);
    }
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

}  // namespace rtc::conformance
