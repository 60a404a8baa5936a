#include "pages/png_decode.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>

namespace rtc::pages {

namespace {

constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr std::uint64_t kMaxPixels = 64ull * 1024 * 1024;  // a screenshot is far smaller

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::optional<Image> fail(std::string* error, const std::string& why) {
    if (error) *error = why;
    return std::nullopt;
}

int channels_of(int color_type) {
    switch (color_type) {
        case 0:  // grey
            return 1;
        case 2:  // RGB
            return 3;
        case 3:  // palette index
            return 1;
        case 4:  // grey + alpha
            return 2;
        case 6:  // RGBA
            return 4;
        default:
            return 0;
    }
}

std::uint8_t paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc) return static_cast<std::uint8_t>(a);
    if (pb <= pc) return static_cast<std::uint8_t>(b);
    return static_cast<std::uint8_t>(c);
}

// Undoes the per-row filters in place; `data` holds height rows of (1 filter byte + stride bytes).
bool unfilter(std::vector<std::uint8_t>& data, std::size_t stride, int height, int bpp) {
    std::vector<std::uint8_t> prev(stride, 0);
    for (int y = 0; y < height; ++y) {
        std::uint8_t* row = data.data() + static_cast<std::size_t>(y) * (stride + 1);
        const std::uint8_t filter = row[0];
        std::uint8_t* cur = row + 1;
        for (std::size_t x = 0; x < stride; ++x) {
            const int a = x >= static_cast<std::size_t>(bpp) ? cur[x - bpp] : 0;
            const int b = prev[x];
            const int c = x >= static_cast<std::size_t>(bpp) ? prev[x - bpp] : 0;
            switch (filter) {
                case 0:
                    break;
                case 1:
                    cur[x] = static_cast<std::uint8_t>(cur[x] + a);
                    break;
                case 2:
                    cur[x] = static_cast<std::uint8_t>(cur[x] + b);
                    break;
                case 3:
                    cur[x] = static_cast<std::uint8_t>(cur[x] + ((a + b) >> 1));
                    break;
                case 4:
                    cur[x] = static_cast<std::uint8_t>(cur[x] + paeth(a, b, c));
                    break;
                default:
                    return false;
            }
        }
        std::memcpy(prev.data(), cur, stride);
    }
    return true;
}

}  // namespace

std::optional<std::pair<int, int>> png_size(std::string_view png) {
    const auto* p = reinterpret_cast<const unsigned char*>(png.data());
    if (png.size() < 33 || std::memcmp(p, kSignature, 8) != 0 || std::memcmp(p + 12, "IHDR", 4) != 0)
        return std::nullopt;
    return std::make_pair(static_cast<int>(be32(p + 16)), static_cast<int>(be32(p + 20)));
}

std::optional<Image> decode_png(std::string_view png, std::string* error) {
    const auto* p = reinterpret_cast<const unsigned char*>(png.data());
    const std::size_t n = png.size();
    if (n < 8 || std::memcmp(p, kSignature, 8) != 0) return fail(error, "not a PNG (bad signature)");

    int width = 0, height = 0, depth = 0, color = -1, interlace = 0;
    std::vector<std::uint8_t> palette;  // RGBA per entry
    std::string idat;
    bool ended = false;
    for (std::size_t pos = 8; pos < n && !ended;) {
        if (n - pos < 12) return fail(error, "truncated chunk");
        const std::uint32_t len = be32(p + pos);
        if (len > n - pos - 12) return fail(error, "chunk longer than the file");
        const unsigned char* type = p + pos + 4;
        const unsigned char* body = p + pos + 8;
        const std::uint32_t crc = be32(body + len);
        if (crc32(crc32(0, nullptr, 0), type, len + 4) != crc) return fail(error, "chunk CRC mismatch");
        if (std::memcmp(type, "IHDR", 4) == 0) {
            if (len != 13) return fail(error, "bad IHDR");
            width = static_cast<int>(be32(body));
            height = static_cast<int>(be32(body + 4));
            depth = body[8];
            color = body[9];
            interlace = body[12];
        } else if (std::memcmp(type, "PLTE", 4) == 0) {
            if (len % 3 != 0) return fail(error, "bad PLTE");
            for (std::uint32_t i = 0; i < len; i += 3)
                palette.insert(palette.end(), {body[i], body[i + 1], body[i + 2], 255});
        } else if (std::memcmp(type, "tRNS", 4) == 0 && color == 3) {
            for (std::uint32_t i = 0; i < len && i * 4 + 3 < palette.size(); ++i)
                palette[i * 4 + 3] = body[i];
        } else if (std::memcmp(type, "IDAT", 4) == 0) {
            idat.append(reinterpret_cast<const char*>(body), len);
        } else if (std::memcmp(type, "IEND", 4) == 0) {
            ended = true;
        }
        pos += 12 + len;
    }
    if (width <= 0 || height <= 0) return fail(error, "no IHDR");
    if (static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height) > kMaxPixels)
        return fail(error, "image too large");
    const int channels = channels_of(color);
    if (channels == 0 || depth != 8)
        return fail(error, "unsupported format (color type " + std::to_string(color) + ", bit depth " +
                               std::to_string(depth) + "): only 8-bit images are read");
    if (interlace != 0) return fail(error, "interlaced PNG not supported");
    if (color == 3 && palette.empty()) return fail(error, "palette image without PLTE");

    const std::size_t stride = static_cast<std::size_t>(width) * channels;
    std::vector<std::uint8_t> raw((stride + 1) * static_cast<std::size_t>(height));
    uLongf raw_len = static_cast<uLongf>(raw.size());
    if (uncompress(raw.data(), &raw_len, reinterpret_cast<const Bytef*>(idat.data()),
                   static_cast<uLong>(idat.size())) != Z_OK ||
        raw_len != raw.size())
        return fail(error, "image data does not inflate to the image's size");
    if (!unfilter(raw, stride, height, channels)) return fail(error, "unknown row filter");

    Image img;
    img.width = width;
    img.height = height;
    img.rgba.resize(static_cast<std::size_t>(width) * height * 4);
    std::uint8_t* out = img.rgba.data();
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* in = raw.data() + static_cast<std::size_t>(y) * (stride + 1) + 1;
        for (int x = 0; x < width; ++x, out += 4, in += channels) {
            switch (color) {
                case 0:
                    out[0] = out[1] = out[2] = in[0];
                    out[3] = 255;
                    break;
                case 2:
                    out[0] = in[0], out[1] = in[1], out[2] = in[2], out[3] = 255;
                    break;
                case 3: {
                    const std::size_t i = static_cast<std::size_t>(in[0]) * 4;
                    if (i + 3 >= palette.size()) return fail(error, "palette index out of range");
                    std::memcpy(out, palette.data() + i, 4);
                    break;
                }
                case 4:
                    out[0] = out[1] = out[2] = in[0];
                    out[3] = in[1];
                    break;
                default:
                    std::memcpy(out, in, 4);
            }
        }
    }
    return img;
}

}  // namespace rtc::pages
