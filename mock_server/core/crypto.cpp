// The low-level SHA256_* calls are deprecated in OpenSSL 3 but are 5-10x faster than the EVP one-shots for
// the short inputs of request signing (no algorithm fetch per call): verification runs on every request.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstring>

#include <stdexcept>

namespace rtc {

static_assert(sizeof(SHA256_CTX) <= 128, "HmacSha256 keeps a SHA256_CTX in 128 bytes");

Sha256Digest sha256(std::string_view data) {
    Sha256Digest out;
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, data.data(), data.size());
    SHA256_Final(out.data(), &ctx);
    return out;
}

void append_hex(std::string& out, const unsigned char* bytes, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    const std::size_t at = out.size();
    out.resize(at + 2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        out[at + 2 * i] = digits[bytes[i] >> 4];
        out[at + 2 * i + 1] = digits[bytes[i] & 15];
    }
}

std::array<char, 64> hex_of(const Sha256Digest& digest) {
    static const char* digits = "0123456789abcdef";
    std::array<char, 64> out;
    for (std::size_t i = 0; i < digest.size(); ++i) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 15];
    }
    return out;
}

HmacSha256::HmacSha256(std::string_view key) {
    constexpr std::size_t kBlock = 64;
    unsigned char k[kBlock] = {0};
    if (key.size() > kBlock) {
        const Sha256Digest hk = sha256(key);
        std::memcpy(k, hk.data(), hk.size());
    } else {
        std::memcpy(k, key.data(), key.size());
    }
    unsigned char ipad[kBlock], opad[kBlock];
    for (std::size_t i = 0; i < kBlock; ++i) {
        ipad[i] = static_cast<unsigned char>(k[i] ^ 0x36);
        opad[i] = static_cast<unsigned char>(k[i] ^ 0x5c);
    }
    auto* inner = reinterpret_cast<SHA256_CTX*>(inner_);
    auto* outer = reinterpret_cast<SHA256_CTX*>(outer_);
    SHA256_Init(inner);
    SHA256_Update(inner, ipad, kBlock);
    SHA256_Init(outer);
    SHA256_Update(outer, opad, kBlock);
}

Sha256Digest HmacSha256::sign(std::string_view data) const {
    SHA256_CTX ctx;
    std::memcpy(&ctx, inner_, sizeof(ctx));
    SHA256_Update(&ctx, data.data(), data.size());
    Sha256Digest inner, out;
    SHA256_Final(inner.data(), &ctx);
    std::memcpy(&ctx, outer_, sizeof(ctx));
    SHA256_Update(&ctx, inner.data(), inner.size());
    SHA256_Final(out.data(), &ctx);
    return out;
}

std::string sha256_raw(std::string_view data) {
    const Sha256Digest out = sha256(data);
    return std::string(reinterpret_cast<const char*>(out.data()), out.size());
}

std::string sha256_hex(std::string_view data) {
    const Sha256Digest d = sha256(data);
    std::string out;
    append_hex(out, d.data(), d.size());
    return out;
}

// RFC 2104 over SHA-256.
std::string hmac_sha256_raw(std::string_view key, std::string_view data) {
    const Sha256Digest out = HmacSha256(key).sign(data);
    return std::string(reinterpret_cast<const char*>(out.data()), out.size());
}

std::string to_hex(std::string_view bytes) {
    std::string out;
    append_hex(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_bytes(std::size_t n) {
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        throw std::runtime_error("RAND_bytes failed");
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int n =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes: drop one per '='.
    std::size_t len = static_cast<std::size_t>(n);
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '=' && len > 0; --i) --len;
    out.resize(len);
    return out;
}

}  // namespace rtc
