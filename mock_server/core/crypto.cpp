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

std::string sha256_raw(std::string_view data) {
    unsigned char out[SHA256_DIGEST_LENGTH];
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, data.data(), data.size());
    SHA256_Final(out, &ctx);
    return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

std::string sha256_hex(std::string_view data) {
    return to_hex(sha256_raw(data));
}

// RFC 2104 over SHA-256.
std::string hmac_sha256_raw(std::string_view key, std::string_view data) {
    constexpr std::size_t kBlock = 64;
    unsigned char k[kBlock] = {0};
    if (key.size() > kBlock) {
        std::string hk = sha256_raw(key);
        std::memcpy(k, hk.data(), hk.size());
    } else {
        std::memcpy(k, key.data(), key.size());
    }
    unsigned char ipad[kBlock], opad[kBlock];
    for (std::size_t i = 0; i < kBlock; ++i) {
        ipad[i] = static_cast<unsigned char>(k[i] ^ 0x36);
        opad[i] = static_cast<unsigned char>(k[i] ^ 0x5c);
    }
    unsigned char inner[SHA256_DIGEST_LENGTH], out[SHA256_DIGEST_LENGTH];
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, ipad, kBlock);
    SHA256_Update(&ctx, data.data(), data.size());
    SHA256_Final(inner, &ctx);
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, opad, kBlock);
    SHA256_Update(&ctx, inner, sizeof(inner));
    SHA256_Final(out, &ctx);
    return std::string(reinterpret_cast<char*>(out), sizeof(out));
}

std::string to_hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out(bytes.size() * 2, '0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto c = static_cast<unsigned char>(bytes[i]);
        out[2 * i] = digits[c >> 4];
        out[2 * i + 1] = digits[c & 15];
    }
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
