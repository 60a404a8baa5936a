#include "conformance/random_token.h"

#include <mutex>
#include <random>

namespace rtc::conformance {

std::string random_token(std::size_t n) {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    static std::mt19937_64 rng{std::random_device{}()};
    static std::mutex mu;
    std::lock_guard<std::mutex> lock(mu);
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % (sizeof alphabet - 1)];
    return s;
}

}  // namespace rtc::conformance
