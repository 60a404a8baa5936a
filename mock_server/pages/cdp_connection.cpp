#include "pages/cdp_connection.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/clock.h"

namespace rtc::pages {

namespace {

constexpr int kSweepMs = 50;  // how often the reader looks for calls past their deadline

std::int64_t deadline_after(std::int64_t timeout_ms) {
    return steady_now_ns() + timeout_ms * 1000000;
}

}  // namespace

CdpConnection::CdpConnection(int to_browser_fd, int from_browser_fd, EventHandler on_event,
                             ClosedHandler on_closed)
    : to_fd_(to_browser_fd),
      from_fd_(from_browser_fd),
      on_event_(std::move(on_event)),
      on_closed_(std::move(on_closed)),
      trace_(std::getenv("RTC_CDP_TRACE") != nullptr) {
    if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("pipe2 failed");
    fcntl(to_fd_, F_SETFL, fcntl(to_fd_, F_GETFL) | O_NONBLOCK);
    reader_ = std::thread([this] { reader_loop(); });
    writer_ = std::thread([this] { writer_loop(); });
}

CdpConnection::~CdpConnection() {
    stop();
}

void CdpConnection::stop() {
    if (stopping_.exchange(true)) {
        if (reader_.joinable() && reader_.get_id() != std::this_thread::get_id()) reader_.join();
        if (writer_.joinable()) writer_.join();
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mu_);
        out_cv_.notify_all();
    }
    char b = 1;
    [[maybe_unused]] ssize_t w = write(wake_[1], &b, 1);
    if (reader_.joinable()) reader_.join();
    if (writer_.joinable()) writer_.join();
    close_all("the connection was stopped");
    close(to_fd_);
    close(from_fd_);
    close(wake_[0]);
    close(wake_[1]);
}

nlohmann::json CdpConnection::call(const std::string& method, const nlohmann::json& params,
                                   const std::string& session, std::int64_t timeout_ms) {
    struct Slot {
        std::mutex mu;
        std::condition_variable cv;
        bool done = false;
        nlohmann::json result;
        std::unique_ptr<CdpError> error;
    };
    auto slot = std::make_shared<Slot>();
    call_async(method, params, session, timeout_ms, [slot](const nlohmann::json* r, const CdpError* e) {
        std::lock_guard<std::mutex> lock(slot->mu);
        if (r) slot->result = *r;
        if (e) slot->error = std::make_unique<CdpError>(*e);
        slot->done = true;
        slot->cv.notify_all();
    });
    std::unique_lock<std::mutex> lock(slot->mu);
    // The reader expires the call at its deadline; the extra second only guards against a stuck reader.
    if (!slot->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms + 1000), [&] { return slot->done; }))
        throw CdpError(CdpFailure::Timeout,
                       method + ": no answer within " + std::to_string(timeout_ms) + " ms");
    if (slot->error) throw *slot->error;
    return slot->result;
}

void CdpConnection::call_async(const std::string& method, const nlohmann::json& params,
                               const std::string& session, std::int64_t timeout_ms, Done done) {
    const std::uint64_t id = next_id_.fetch_add(1);
    nlohmann::json msg = {
        {"id", id}, {"method", method}, {"params", params.is_null() ? nlohmann::json::object() : params}};
    if (!session.empty()) msg["sessionId"] = session;
    std::string text = msg.dump();
    if (trace_) std::fprintf(stderr, "cdp >> %.300s\n", text.c_str());
    text.push_back('\0');
    std::string reason;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!closed_.load()) {
            pending_[id] = Pending{deadline_after(timeout_ms), timeout_ms, method, std::move(done)};
            outgoing_.push_back(std::move(text));
            out_cv_.notify_one();
            return;
        }
        reason = close_reason_;
    }
    CdpError err(CdpFailure::Closed, method + ": " + reason);
    done(nullptr, &err);
}

void CdpConnection::writer_loop() {
    std::string current;
    std::size_t offset = 0;
    for (;;) {
        if (current.size() == offset) {
            std::unique_lock<std::mutex> lock(mu_);
            out_cv_.wait(lock, [&] { return !outgoing_.empty() || stopping_.load() || closed_.load(); });
            if (stopping_.load() || closed_.load()) return;
            current = std::move(outgoing_.front());
            outgoing_.pop_front();
            offset = 0;
        }
        pollfd fds[2] = {{to_fd_, POLLOUT, 0}, {wake_[0], POLLIN, 0}};
        if (poll(fds, 2, 200) < 0 && errno != EINTR) return;
        if (stopping_.load() || closed_.load()) return;
        if (!(fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) continue;
        ssize_t n = write(to_fd_, current.data() + offset, current.size() - offset);
        if (n > 0) {
            offset += static_cast<std::size_t>(n);
        } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
            return;  // the reader sees the browser go away and closes the calls
        }
    }
}

void CdpConnection::reader_loop() {
    std::string buffer;
    std::vector<char> chunk(1 << 16);
    std::string why;
    for (;;) {
        pollfd fds[2] = {{from_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        int r = poll(fds, 2, kSweepMs);
        if (stopping_.load()) return;
        if (r < 0 && errno != EINTR) {
            why = std::string("poll failed: ") + std::strerror(errno);
            break;
        }
        sweep_expired();
        if (r <= 0 || !(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = read(from_fd_, chunk.data(), chunk.size());
        if (n == 0) {
            why = "the browser closed the DevTools pipe";
            break;
        }
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            why = std::string("reading the DevTools pipe failed: ") + std::strerror(errno);
            break;
        }
        std::size_t start = buffer.size();
        buffer.append(chunk.data(), static_cast<std::size_t>(n));
        std::size_t from = 0;
        for (std::size_t nul; (nul = buffer.find('\0', start)) != std::string::npos; start = from) {
            dispatch(buffer.substr(from, nul - from));
            from = nul + 1;
        }
        buffer.erase(0, from);
    }
    close_all(why);
    {
        std::lock_guard<std::mutex> lock(mu_);
        out_cv_.notify_all();
    }
    if (on_closed_ && !stopping_.load()) on_closed_(why);
}

void CdpConnection::dispatch(const std::string& text) {
    if (trace_) std::fprintf(stderr, "cdp << %.300s\n", text.c_str());
    nlohmann::json msg = nlohmann::json::parse(text, nullptr, false);
    if (!msg.is_object()) return;  // not JSON: nothing to route it to
    auto id = msg.find("id");
    if (id == msg.end()) {
        auto method = msg.find("method");
        if (method == msg.end() || !method->is_string() || !on_event_) return;
        static const nlohmann::json kEmpty = nlohmann::json::object();
        auto params = msg.find("params");
        on_event_(msg.value("sessionId", ""), method->get<std::string>(),
                  params == msg.end() ? kEmpty : *params);
        return;
    }
    if (!id->is_number_unsigned()) return;
    Pending p;
    {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = pending_.find(id->get<std::uint64_t>());
        if (it == pending_.end()) return;  // answered after its deadline: already failed
        p = std::move(it->second);
        pending_.erase(it);
    }
    auto err = msg.find("error");
    if (err != msg.end()) {
        CdpError e(CdpFailure::Answered, p.method + ": " + err->value("message", std::string("error")));
        p.done(nullptr, &e);
        return;
    }
    static const nlohmann::json kNoResult = nlohmann::json::object();
    auto res = msg.find("result");
    p.done(res == msg.end() ? &kNoResult : &*res, nullptr);
}

void CdpConnection::sweep_expired() {
    const std::int64_t now = steady_now_ns();
    std::vector<Pending> expired;
    {
        std::lock_guard<std::mutex> lock(mu_);
        for (auto it = pending_.begin(); it != pending_.end();) {
            if (it->second.deadline_ns <= now) {
                expired.push_back(std::move(it->second));
                it = pending_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& p : expired) {
        CdpError e(CdpFailure::Timeout,
                   p.method + ": no answer within " + std::to_string(p.timeout_ms) + " ms");
        p.done(nullptr, &e);
    }
}

void CdpConnection::close_all(const std::string& why) {
    std::map<std::uint64_t, Pending> failed;
    std::string reason;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!closed_.exchange(true)) close_reason_ = why;
        reason = close_reason_;
        failed.swap(pending_);
        outgoing_.clear();
    }
    for (auto& [id, p] : failed) {
        CdpError e(CdpFailure::Closed, p.method + ": " + reason);
        p.done(nullptr, &e);
    }
}

}  // namespace rtc::pages
