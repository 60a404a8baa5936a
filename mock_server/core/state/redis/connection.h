// One Redis connection (hiredis, synchronous) and the pool of them an engine draws from: a thread takes a
// connection for one call and gives it back, so each worker thread in effect has its own and no call waits
// behind another's round trip.
//
// Failing closed and fast: connecting and every command are bounded by State.TimeoutMs; a connection that
// timed out or broke is dropped, and Unavailable (core/state/unavailable.h) goes up to the request, which
// answers 5xx. After a failed connect or a broken connection (not a late answer: that may be one slow moment)
// the pool does not try again for a backoff (100 ms doubling to 1 s), failing at once meanwhile, and
// reconnects by itself once Redis answers.
//
// Posting: a write whose answer the request need not wait for (the journal entry) is sent at once and its
// reply read later by the pool's collector thread, so it costs the request a socket write, not a round trip.
// It reaches Redis before the request's answer leaves (so a read made after the answer, on any replica, comes
// after it in Redis's order); settle() waits for the replies still on their way.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/state/redis/address.h"
#include "core/state/redis/reply.h"

struct redisContext;

namespace rtc::state::redis {

using Args = std::vector<std::string>;

// A Lua script, run by its SHA-1 (EVALSHA), loaded again when Redis has forgotten it (a restart).
struct Script {
    explicit Script(std::string source);
    std::string source;
    std::string sha1;
};

class Connection {
  public:
    // Throws Unavailable when Redis does not answer within the timeout.
    Connection(const Address& address, std::chrono::milliseconds timeout);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // One command. An error reply comes back as Reply::Kind::Error; a broken or stalled connection throws
    // Unavailable and leaves this connection broken().
    Reply command(const Args& args);
    // Several commands in one round trip, the replies in order.
    std::vector<Reply> pipeline(const std::vector<Args>& commands);
    // Sends one command without reading its reply; receive() reads the next reply due.
    void send(const Args& args);
    Reply receive();
    bool broken() const { return broken_; }
    // Broken because Redis did not answer in time (rather than the connection failing).
    bool timed_out() const { return timed_out_; }

  private:
    [[noreturn]] void fail(const char* what);

    redisContext* ctx_ = nullptr;
    std::string where_;
    bool broken_ = false;
    bool timed_out_ = false;
};

class Client {
  public:
    // Connects once to check the address (throws Unavailable naming it when nothing answers).
    Client(Address address, std::chrono::milliseconds timeout);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // A connection for one call; goes back to the pool when the lease ends (unless it broke).
    class Lease {
      public:
        Lease(Client& client, std::unique_ptr<Connection> conn);
        ~Lease();
        Lease(Lease&&) = default;
        Connection* operator->() { return conn_.get(); }
        Connection& operator*() { return *conn_; }

      private:
        Client* client_;
        std::unique_ptr<Connection> conn_;
    };
    Lease lease();

    // One command or script; an error reply throws std::runtime_error (a bug of ours, not an outage).
    Reply call(const Args& args);
    std::vector<Reply> pipeline(const std::vector<Args>& commands);
    Reply eval(const Script& script, const std::vector<std::string>& keys,
               const std::vector<std::string>& args);

    // Runs the script without waiting for its reply: `then` gets the reply on the collector thread (not
    // called when the connection failed or the reply is an error, which is counted in failed_posts()).
    // Throws Unavailable when it cannot even be sent.
    void post(const Script& script, const std::vector<std::string>& keys,
              const std::vector<std::string>& args, std::function<void(const Reply&)> then);
    // Waits until every write posted before the call was answered and its `then` ran (at most a few
    // timeouts: a stalled Redis fails them).
    void settle();

    // True when Redis answers a PING now.
    bool ping();
    const Address& address() const { return address_; }
    // Round trips made so far (docs/replicas.md counts them per request).
    std::uint64_t round_trips() const { return round_trips_.load(std::memory_order_relaxed); }
    // Round trips the calling thread waited for, on every client of the process.
    static std::uint64_t round_trips_of_this_thread();
    // Writes posted so far, and those of them that failed.
    std::uint64_t posts() const { return posted_.load(std::memory_order_relaxed); }
    std::uint64_t failed_posts() const { return failed_posts_.load(std::memory_order_relaxed); }

  private:
    struct Posted {
        Lease lease;
        Args command;  // EVALSHA ...: sent again as EVAL when Redis forgot the script
        const Script* script;
        std::function<void(const Reply&)> then;
    };

    std::unique_ptr<Connection> connect();
    void count_round_trip();
    void give_back(std::unique_ptr<Connection> conn);
    void collect();
    void collect_one(Posted p);

    const Address address_;
    const std::chrono::milliseconds timeout_;
    std::mutex mu_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::chrono::steady_clock::time_point retry_at_{};  // no connect before this after a failure
    std::chrono::milliseconds backoff_{0};
    std::atomic<std::uint64_t> round_trips_{0};

    // The collector: posted writes whose replies are still to read, in the order they were sent.
    std::mutex post_mu_;
    std::condition_variable post_cv_;
    std::deque<Posted> in_flight_;
    std::uint64_t queued_ = 0;  // posts sent
    std::uint64_t done_ = 0;    // posts whose reply was read (or lost)
    bool stopping_ = false;
    std::thread collector_;
    std::atomic<std::uint64_t> posted_{0};
    std::atomic<std::uint64_t> failed_posts_{0};
};

// Returns the reply unless it is an Error: Unavailable for Redis not serving yet (LOADING after a restart,
// BUSY, ...), std::runtime_error for any other (a bug of ours, not an outage).
const Reply& checked(const Reply& reply, std::string_view what);

}  // namespace rtc::state::redis
