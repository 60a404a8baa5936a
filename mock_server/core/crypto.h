// Hashing primitives over OpenSSL, shared by request signing and callback signing.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rtc {

using Sha256Digest = std::array<unsigned char, 32>;

// Without allocating: the request path hashes and signs every request.
Sha256Digest sha256(std::string_view data);
// Appends the lowercase hex of `bytes`.
void append_hex(std::string& out, const unsigned char* bytes, std::size_t n);
// The lowercase hex of a digest, on the stack.
std::array<char, 64> hex_of(const Sha256Digest& digest);

// HMAC-SHA256 with a fixed key: the key's padded blocks are absorbed once, so each signature costs only the
// data's blocks and one more.
class HmacSha256 {
  public:
    explicit HmacSha256(std::string_view key);
    Sha256Digest sign(std::string_view data) const;

  private:
    alignas(16) unsigned char inner_[128];  // SHA256_CTX after the ipad block
    alignas(16) unsigned char outer_[128];  // SHA256_CTX after the opad block
};

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
