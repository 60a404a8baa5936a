// Starts the real rtc-mock binary on --port 0 for end-to-end tests and stops it with SIGTERM.
#pragma once

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace rtc::test {

inline std::string source_path(const std::string& rel) {
    return std::string(RTC_SOURCE_DIR) + "/" + rel;
}

class MockProcess {
  public:
    // Extra flags after `--port 0 --config <fixture>`. An empty config leaves --config out and starts the
    // mock in "/", so it can only serve its built-in default fixture. stderr_file: where the mock's log goes
    // ("" = inherited). env: variables set for the mock ("RTC_MOCK_CLOCK=virtual").
    explicit MockProcess(std::vector<std::string> flags = {},
                         std::string config = source_path("fixtures/default.json"),
                         const std::string& stderr_file = "", std::vector<std::string> env = {}) {
        std::vector<std::string> args = {RTC_MOCK_BINARY, "--port", "0"};
        if (!config.empty()) args.insert(args.end(), {"--config", config});
        args.insert(args.end(), flags.begin(), flags.end());
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            if (!stderr_file.empty()) {
                FILE* err = std::fopen(stderr_file.c_str(), "w");
                if (err) dup2(fileno(err), STDERR_FILENO);
            }
            if (config.empty() && chdir("/") != 0) _exit(126);
            for (auto& e : env) putenv(e.data());
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        stdout_ = fdopen(out[0], "r");
        char line[256] = {0};
        if (!fgets(line, sizeof(line), stdout_)) throw std::runtime_error("rtc-mock printed nothing");
        first_line_ = line;
        auto colon = first_line_.rfind(':');
        port_ = std::stoi(first_line_.substr(colon + 1));
    }
    ~MockProcess() { stop(); }
    MockProcess(const MockProcess&) = delete;
    MockProcess& operator=(const MockProcess&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    // The mock's own time (GET /_mock/clock), so signatures pass its X-Date window whatever clock it runs.
    std::int64_t now_ms() const {
        httplib::Client c(url());
        auto r = c.Get("/_mock/clock");
        if (!r || r->status != 200) throw std::runtime_error("GET /_mock/clock failed");
        return nlohmann::json::parse(r->body)["NowMs"].get<std::int64_t>();
    }
    // The delivery journal of one callback event (GET /_mock/callbacks?event_id=) once it lists at least
    // `n` attempts, or as it stands after `timeout_ms`: an attempt is recorded when its answer (or timeout)
    // is back, asynchronously to the request that caused it.
    nlohmann::json callback_attempts(const std::string& event_id, std::size_t n, int timeout_ms) const {
        httplib::Client c(url());
        nlohmann::json attempts = nlohmann::json::array();
        for (int waited = 0;; waited += 10) {
            auto r = c.Get(("/_mock/callbacks?event_id=" + event_id).c_str());
            if (!r || r->status != 200) throw std::runtime_error("GET /_mock/callbacks failed");
            attempts = nlohmann::json::parse(r->body)["Attempts"];
            if (attempts.size() >= n || waited >= timeout_ms) return attempts;
            usleep(10 * 1000);
        }
    }
    // GET /_mock/health answers 200 (read timeout 3 s).
    bool healthy() const {
        httplib::Client c(url());
        c.set_read_timeout(3, 0);
        auto r = c.Get("/_mock/health");
        return r && r->status == 200;
    }
    const std::string& first_line() const { return first_line_; }
    pid_t pid() const { return pid_; }

    // SIGTERM, then everything the mock wrote on stdout after its first line, to its end (only for a mock
    // that started no browser: a browser holding stdout open would keep it from ending); stop() gives the
    // exit code.
    std::string stop_and_read_stdout() {
        std::string rest;
        if (pid_ <= 0 || !stdout_) return rest;
        kill(pid_, SIGTERM);
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, stdout_)) > 0;) rest.append(buf, n);
        return rest;
    }

    // SIGTERM, then the exit status (-1 if it had to be killed).
    int stop() {
        if (pid_ <= 0) return exit_code_;
        kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 100; ++i) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                pid_ = 0;
                if (stdout_) fclose(stdout_);
                stdout_ = nullptr;
                return exit_code_;
            }
            usleep(50 * 1000);
        }
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        pid_ = 0;
        if (stdout_) fclose(stdout_);
        stdout_ = nullptr;
        exit_code_ = -1;
        return exit_code_;
    }

  private:
    pid_t pid_ = 0;
    FILE* stdout_ = nullptr;
    int port_ = 0;
    int exit_code_ = -1;
    std::string first_line_;
};

// Runs rtc-mock to completion with these arguments; returns the exit code and what it wrote to stderr.
struct RunResult {
    int exit_code;
    std::string err;
    std::string out;
};

inline std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) out.append(buf, static_cast<std::size_t>(n));
    return out;
}

// Runs rtc-mock to completion (it must exit by itself: --help, a bad flag, a bad config, healthcheck), with
// the variables of `env` ("RTC_MOCK_PORT=x") added to the test's environment.
inline RunResult run_mock(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), RTC_MOCK_BINARY);
    int out[2], err[2];
    if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        close(out[0]);
        close(err[0]);
        close(out[1]);
        close(err[1]);
        for (auto& e : env) putenv(e.data());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    RunResult r;
    r.out = read_all(out[0]);
    r.err = read_all(err[0]);
    close(out[0]);
    close(err[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace rtc::test
