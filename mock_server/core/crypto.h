// Hashing primitives over OpenSSL, shared by request signing and callback signing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rtc {

std::string sha256_raw(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256_raw(std::string_view key, std::string_view data);
std::string to_hex(std::string_view bytes);
// Compares without an early exit, so response time says nothing about how much of a signature matched.
bool constant_time_equals(std::string_view a, std::string_view b);
// Standard base64 (RFC 4648, with padding) to bytes; nullopt when the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);
// Random bytes from the OpenSSL generator (request ids, nonces).
std::string random_bytes(std::size_t n);

}  // namespace rtc
