// A Redis reply as a value (hiredis's redisReply, copied), so no caller frees anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rtc::state::redis {

struct Reply {
    enum class Kind { Nil, Integer, String, Status, Error, Array };
    Kind kind = Kind::Nil;
    std::int64_t integer = 0;
    std::string str;  // String, Status and Error
    std::vector<Reply> elements;

    bool nil() const { return kind == Kind::Nil; }
    // The integer of an Integer reply, or the number a String reply spells (Lua numbers come back as
    // integers, HGET values as strings); 0 otherwise.
    std::int64_t as_int() const;
    const Reply& operator[](std::size_t i) const { return elements.at(i); }
    std::size_t size() const { return elements.size(); }
};

}  // namespace rtc::state::redis
