// How the Redis engine reads an error reply (core/state/redis/connection.h, docs/replicas.md "Failure
// behaviour"): Redis answering but not serving yet is an outage, which requests answer as 503 and the pump
// waits out; any other error reply is a bug of ours.
#include <catch2/catch.hpp>

#include <string>

#include "core/state/redis/connection.h"
#include "core/state/unavailable.h"

using namespace rtc::state;
using rtc::state::redis::Reply;

namespace {

Reply error_reply(const std::string& text) {
    Reply r;
    r.kind = Reply::Kind::Error;
    r.str = text;
    return r;
}

// "unavailable", "bug", or "none".
std::string what_is(const Reply& reply) {
    try {
        redis::checked(reply, "GET");
        return "none";
    } catch (const Unavailable&) {
        return "unavailable";
    } catch (const std::runtime_error&) {
        return "bug";
    }
}

}  // namespace

TEST_CASE("a Redis still loading its data after a restart, or busy with a script, is unavailable, not a bug",
          "[state][redis]") {
    REQUIRE(what_is(error_reply("LOADING Redis is loading the dataset in memory")) == "unavailable");
    REQUIRE(what_is(error_reply("BUSY Redis is busy running a script.")) == "unavailable");
    REQUIRE(what_is(error_reply("MASTERDOWN Link with MASTER is down")) == "unavailable");
    REQUIRE(what_is(error_reply("TRYAGAIN Multiple keys request during rehashing of slot")) == "unavailable");
}

TEST_CASE("any other error reply from Redis is a bug of ours, and a reply that is no error passes through",
          "[state][redis]") {
    REQUIRE(what_is(error_reply("ERR wrong number of arguments for 'get' command")) == "bug");
    REQUIRE(what_is(error_reply("WRONGTYPE Operation against a key holding the wrong kind of value")) ==
            "bug");
    REQUIRE(what_is(error_reply("ERR LOADING appears later in the text")) == "bug");
    Reply ok;
    ok.kind = Reply::Kind::Integer;
    ok.integer = 7;
    REQUIRE(what_is(ok) == "none");
    REQUIRE(redis::checked(ok, "INCR").integer == 7);
}
