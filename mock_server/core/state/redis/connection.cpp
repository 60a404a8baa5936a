#include "core/state/redis/connection.h"

#include <hiredis.h>
#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

#include "core/crypto.h"
#include "core/state/unavailable.h"

namespace rtc::state::redis {

namespace {

thread_local std::uint64_t t_round_trips = 0;

timeval to_timeval(std::chrono::milliseconds ms) {
    timeval tv{};
    tv.tv_sec = static_cast<long>(ms.count() / 1000);
    tv.tv_usec = static_cast<long>((ms.count() % 1000) * 1000);
    return tv;
}

Reply copy_reply(const redisReply* r) {
    Reply out;
    switch (r->type) {
        case REDIS_REPLY_INTEGER:
            out.kind = Reply::Kind::Integer;
            out.integer = r->integer;
            break;
        case REDIS_REPLY_STRING:
            out.kind = Reply::Kind::String;
            out.str.assign(r->str, r->len);
            break;
        case REDIS_REPLY_STATUS:
            out.kind = Reply::Kind::Status;
            out.str.assign(r->str, r->len);
            break;
        case REDIS_REPLY_ERROR:
            out.kind = Reply::Kind::Error;
            out.str.assign(r->str, r->len);
            break;
        case REDIS_REPLY_ARRAY:
            out.kind = Reply::Kind::Array;
            out.elements.reserve(r->elements);
            for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(copy_reply(r->element[i]));
            break;
        default:
            out.kind = Reply::Kind::Nil;
    }
    return out;
}

void append_command(redisContext* ctx, const Args& args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    argv.reserve(args.size());
    lens.reserve(args.size());
    for (const auto& a : args) {
        argv.push_back(a.data());
        lens.push_back(a.size());
    }
    redisAppendCommandArgv(ctx, static_cast<int>(args.size()), argv.data(), lens.data());
}

// EVALSHA SHA1 NUMKEYS KEYS... ARGS...
Args evalsha_command(const Script& script, const std::vector<std::string>& keys,
                     const std::vector<std::string>& args) {
    Args cmd;
    cmd.reserve(3 + keys.size() + args.size());
    cmd.push_back("EVALSHA");
    cmd.push_back(script.sha1);
    cmd.push_back(std::to_string(keys.size()));
    cmd.insert(cmd.end(), keys.begin(), keys.end());
    cmd.insert(cmd.end(), args.begin(), args.end());
    return cmd;
}

// Redis forgot the script (a restart): EVAL sends it once more and caches it again.
bool forgot_script(const Reply& r) {
    return r.kind == Reply::Kind::Error && r.str.rfind("NOSCRIPT", 0) == 0;
}

void as_eval(Args& evalsha, const Script& script) {
    evalsha[0] = "EVAL";
    evalsha[1] = script.source;
}

}  // namespace

std::int64_t Reply::as_int() const {
    if (kind == Kind::Integer) return integer;
    if (kind == Kind::String && !str.empty()) {
        try {
            return std::stoll(str);
        } catch (const std::exception&) {
            return 0;
        }
    }
    return 0;
}

Script::Script(std::string src) : source(std::move(src)) {
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(source.data()), source.size(), digest);
    append_hex(sha1, digest, sizeof digest);
}

Connection::Connection(const Address& address, std::chrono::milliseconds timeout) : where_(address.str()) {
    const timeval tv = to_timeval(timeout);
    ctx_ = address.unix_path.empty() ? redisConnectWithTimeout(address.host.c_str(), address.port, tv)
                                     : redisConnectUnixWithTimeout(address.unix_path.c_str(), tv);
    if (!ctx_) throw Unavailable("state engine redis at " + where_ + ": out of memory connecting");
    if (ctx_->err) fail("cannot connect");
    redisSetTimeout(ctx_, tv);
    if (address.db != 0) {
        Reply r = command({"SELECT", std::to_string(address.db)});
        if (r.kind == Reply::Kind::Error) fail("cannot select the database");
    }
}

Connection::~Connection() {
    if (ctx_) redisFree(ctx_);
}

void Connection::fail(const char* what) {
    broken_ = true;
    std::string detail = ctx_ && ctx_->errstr[0] ? std::string(": ") + ctx_->errstr : std::string();
    if (ctx_ && (ctx_->err == REDIS_ERR_IO) && detail.find("temporarily unavailable") != std::string::npos) {
        detail = ": no answer in time";
        timed_out_ = true;
    }
    throw Unavailable("state engine redis at " + where_ + " is unavailable (" + what + detail + ")");
}

Reply Connection::command(const Args& args) {
    return std::move(pipeline({args}).front());
}

std::vector<Reply> Connection::pipeline(const std::vector<Args>& commands) {
    if (broken_) fail("connection lost");
    for (const auto& c : commands) append_command(ctx_, c);
    std::vector<Reply> out;
    out.reserve(commands.size());
    for (std::size_t i = 0; i < commands.size(); ++i) out.push_back(receive());
    return out;
}

void Connection::send(const Args& args) {
    if (broken_) fail("connection lost");
    append_command(ctx_, args);
    int done = 0;
    while (!done)
        if (redisBufferWrite(ctx_, &done) != REDIS_OK) fail("cannot send");
}

Reply Connection::receive() {
    if (broken_) fail("connection lost");
    void* raw = nullptr;
    if (redisGetReply(ctx_, &raw) != REDIS_OK || !raw) fail("no reply");
    std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw), freeReplyObject);
    return copy_reply(reply.get());
}

Client::Client(Address address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {
    auto conn = connect();
    Reply pong = conn->command({"PING"});
    if (pong.kind == Reply::Kind::Error)
        throw Unavailable("state engine redis at " + address_.str() + " refuses: " + pong.str);
    give_back(std::move(conn));
}

Client::~Client() {
    {
        std::lock_guard<std::mutex> lock(post_mu_);
        stopping_ = true;
    }
    post_cv_.notify_all();
    if (collector_.joinable()) collector_.join();
}

std::unique_ptr<Connection> Client::connect() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (std::chrono::steady_clock::now() < retry_at_)
            throw Unavailable("state engine redis at " + address_.str() +
                              " is unavailable (reconnecting after a failure)");
    }
    try {
        auto conn = std::make_unique<Connection>(address_, timeout_);
        std::lock_guard<std::mutex> lock(mu_);
        backoff_ = std::chrono::milliseconds(0);
        return conn;
    } catch (const Unavailable&) {
        std::lock_guard<std::mutex> lock(mu_);
        backoff_ = std::min(std::chrono::milliseconds(1000),
                            backoff_.count() ? backoff_ * 2 : std::chrono::milliseconds(100));
        retry_at_ = std::chrono::steady_clock::now() + backoff_;
        throw;
    }
}

Client::Lease Client::lease() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!idle_.empty()) {
            auto conn = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(conn));
        }
    }
    return Lease(*this, connect());
}

void Client::give_back(std::unique_ptr<Connection> conn) {
    if (!conn || conn->broken()) {
        // An answer that came too late: that connection goes (the reply may still arrive on it), the others
        // stay. A slow moment of a loaded machine fails only the calls it held up; a stalled Redis fails each
        // call after the timeout.
        if (conn && conn->timed_out()) return;
        // A connection that broke says the others may be broken too (a restart, a kill): drop them all, and
        // fail every call at once for a backoff, so calls do not each wait to find out.
        std::lock_guard<std::mutex> lock(mu_);
        idle_.clear();
        backoff_ = std::min(std::chrono::milliseconds(1000),
                            backoff_.count() ? backoff_ * 2 : std::chrono::milliseconds(100));
        retry_at_ = std::chrono::steady_clock::now() + backoff_;
        return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(conn));
}

Client::Lease::Lease(Client& client, std::unique_ptr<Connection> conn)
    : client_(&client), conn_(std::move(conn)) {}

Client::Lease::~Lease() {
    if (conn_) client_->give_back(std::move(conn_));
}

const Reply& checked(const Reply& reply, std::string_view what) {
    if (reply.kind != Reply::Kind::Error) return reply;
    // Redis answering but not serving yet (reading its AOF after a restart), or held by a long script: an
    // outage like no answer, which the request answers as 503 and the pump waits out.
    for (const char* transient : {"LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN"})
        if (reply.str.rfind(transient, 0) == 0)
            throw Unavailable("state engine redis is unavailable (" + reply.str + ")");
    throw std::runtime_error("redis " + std::string(what) + ": " + reply.str);
}

Reply Client::call(const Args& args) {
    auto conn = lease();
    count_round_trip();
    Reply r = conn->command(args);
    checked(r, args.empty() ? "" : args[0]);
    return r;
}

std::vector<Reply> Client::pipeline(const std::vector<Args>& commands) {
    auto conn = lease();
    count_round_trip();
    auto replies = conn->pipeline(commands);
    for (std::size_t i = 0; i < replies.size(); ++i) checked(replies[i], commands[i].front());
    return replies;
}

Reply Client::eval(const Script& script, const std::vector<std::string>& keys,
                   const std::vector<std::string>& args) {
    Args cmd = evalsha_command(script, keys, args);
    auto conn = lease();
    count_round_trip();
    Reply r = conn->command(cmd);
    if (forgot_script(r)) {
        as_eval(cmd, script);
        count_round_trip();
        r = conn->command(cmd);
    }
    checked(r, "script");
    return r;
}

void Client::post(const Script& script, const std::vector<std::string>& keys,
                  const std::vector<std::string>& args, std::function<void(const Reply&)> then) {
    Args cmd = evalsha_command(script, keys, args);
    auto conn = lease();
    conn->send(cmd);
    posted_.fetch_add(1, std::memory_order_relaxed);
    {
        std::lock_guard<std::mutex> lock(post_mu_);
        if (!collector_.joinable()) collector_ = std::thread([this] { collect(); });
        in_flight_.push_back(Posted{std::move(conn), std::move(cmd), &script, std::move(then)});
        ++queued_;
    }
    post_cv_.notify_all();
}

void Client::collect() {
    std::unique_lock<std::mutex> lock(post_mu_);
    for (;;) {
        post_cv_.wait(lock, [this] { return stopping_ || !in_flight_.empty(); });
        if (in_flight_.empty()) return;  // stopping, and every reply read
        Posted p = std::move(in_flight_.front());
        in_flight_.pop_front();
        lock.unlock();
        collect_one(std::move(p));  // gives the connection back before `done` counts it
        lock.lock();
        ++done_;
        post_cv_.notify_all();
    }
}

void Client::collect_one(Posted p) {
    try {
        Reply r = p.lease->receive();
        if (forgot_script(r)) {
            as_eval(p.command, *p.script);
            count_round_trip();
            r = p.lease->command(p.command);
        }
        if (r.kind == Reply::Kind::Error) {
            failed_posts_.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        if (p.then) p.then(r);
    } catch (const std::exception&) {
        failed_posts_.fetch_add(1, std::memory_order_relaxed);  // Unavailable, or a `then` that threw
    }
}

void Client::count_round_trip() {
    round_trips_.fetch_add(1, std::memory_order_relaxed);
    ++t_round_trips;
}

std::uint64_t Client::round_trips_of_this_thread() {
    return t_round_trips;
}

void Client::settle() {
    std::unique_lock<std::mutex> lock(post_mu_);
    const std::uint64_t target = queued_;
    // Each reply still to read waits at most one timeout; past a few, Redis is stalled and reads fail anyway.
    post_cv_.wait_for(lock, timeout_ * 4, [&] { return done_ >= target; });
}

bool Client::ping() {
    try {
        auto conn = lease();
        return conn->command({"PING"}).kind == Reply::Kind::Status;
    } catch (const Unavailable&) {
        return false;
    }
}

}  // namespace rtc::state::redis
