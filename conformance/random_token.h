// Random lowercase tokens: the run id ({{run}} in scenarios, so task ids of two runs against one mock do not
// collide) and callback event ids and nonces.
#pragma once

#include <cstddef>
#include <string>

namespace rtc::conformance {

// `n` characters of [a-z0-9]; safe from any thread.
std::string random_token(std::size_t n);

}  // namespace rtc::conformance
