// The pieces of the real-page source that need no browser: the PNG decoder, "white" and identical frames,
// and which hosts a page may reach.
#include <zlib.h>

#include <catch2/catch.hpp>

#include "core/config.h"
#include "core/config_reader.h"
#include "pages/frame_analysis.h"
#include "pages/host_rules.h"
#include "pages/png_decode.h"

using namespace rtc::pages;

namespace {

void put32(std::string& out, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xff));
}

void chunk(std::string& out, const char* type, const std::string& body) {
    put32(out, static_cast<std::uint32_t>(body.size()));
    std::string typed = std::string(type, 4) + body;
    out += typed;
    put32(out,
          static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(typed.data()), typed.size())));
}

// A PNG of `pixels` (channels bytes each, row after row) with every row written through `filter` (0-4).
std::string encode_png(int w, int h, int color_type, int channels, const std::vector<std::uint8_t>& pixels,
                       int filter) {
    const std::size_t stride = static_cast<std::size_t>(w) * channels;
    std::string raw;
    for (int y = 0; y < h; ++y) {
        raw.push_back(static_cast<char>(filter));
        for (std::size_t x = 0; x < stride; ++x) {
            const int cur = pixels[y * stride + x];
            const int a = x >= static_cast<std::size_t>(channels) ? pixels[y * stride + x - channels] : 0;
            const int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
            const int c = (x >= static_cast<std::size_t>(channels) && y > 0)
                              ? pixels[(y - 1) * stride + x - channels]
                              : 0;
            int pred = 0;
            if (filter == 1) pred = a;
            if (filter == 2) pred = b;
            if (filter == 3) pred = (a + b) / 2;
            if (filter == 4) {
                const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
            }
            raw.push_back(static_cast<char>((cur - pred) & 0xff));
        }
    }
    uLongf len = compressBound(raw.size());
    std::string z(len, '\0');
    compress(reinterpret_cast<Bytef*>(z.data()), &len, reinterpret_cast<const Bytef*>(raw.data()),
             raw.size());
    z.resize(len);
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string ihdr;
    put32(ihdr, static_cast<std::uint32_t>(w));
    put32(ihdr, static_cast<std::uint32_t>(h));
    ihdr += std::string{8, static_cast<char>(color_type), 0, 0, 0};
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", z);
    chunk(png, "IEND", "");
    return png;
}

Image solid(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) {
    Image img;
    img.width = w;
    img.height = h;
    for (int i = 0; i < w * h; ++i) img.rgba.insert(img.rgba.end(), {r, g, b, a});
    return img;
}

}  // namespace

TEST_CASE("the PNG decoder reads every row filter back to the same pixels") {
    std::vector<std::uint8_t> rgb;
    for (int i = 0; i < 7 * 5; ++i)
        rgb.insert(rgb.end(), {static_cast<std::uint8_t>(i * 37), static_cast<std::uint8_t>(255 - i * 11),
                               static_cast<std::uint8_t>(i * i)});
    for (int filter = 0; filter <= 4; ++filter) {
        INFO("filter " << filter);
        std::string error;
        auto img = decode_png(encode_png(7, 5, 2, 3, rgb, filter), &error);
        INFO(error);
        REQUIRE(img);
        CHECK(img->width == 7);
        CHECK(img->height == 5);
        for (int i = 0; i < 7 * 5; ++i) {
            CHECK(img->rgba[i * 4] == rgb[i * 3]);
            CHECK(img->rgba[i * 4 + 1] == rgb[i * 3 + 1]);
            CHECK(img->rgba[i * 4 + 2] == rgb[i * 3 + 2]);
            CHECK(img->rgba[i * 4 + 3] == 255);
        }
    }
}

TEST_CASE("the PNG decoder reads RGBA and grey images and tells the size without decoding") {
    std::vector<std::uint8_t> rgba = {1, 2, 3, 4, 5, 6, 7, 8};
    auto img = decode_png(encode_png(2, 1, 6, 4, rgba, 1));
    REQUIRE(img);
    CHECK(img->rgba == rgba);
    auto grey = decode_png(encode_png(3, 1, 0, 1, {0, 128, 255}, 0));
    REQUIRE(grey);
    CHECK(grey->rgba == std::vector<std::uint8_t>{0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255});
    auto size = png_size(encode_png(3, 1, 0, 1, {0, 128, 255}, 0));
    REQUIRE(size);
    CHECK(size->first == 3);
    CHECK(size->second == 1);
}

TEST_CASE("the PNG decoder refuses what is not a PNG it reads, with a reason") {
    std::string error;
    CHECK_FALSE(decode_png("GIF89a", &error));
    CHECK(error == "not a PNG (bad signature)");
    std::string png = encode_png(2, 2, 2, 3, std::vector<std::uint8_t>(12, 9), 0);
    std::string bad_crc = png;
    bad_crc[30] ^= 1;
    CHECK_FALSE(decode_png(bad_crc, &error));
    CHECK(error == "chunk CRC mismatch");
    CHECK_FALSE(decode_png(png.substr(0, png.size() - 20), &error));
    CHECK_FALSE(png_size("not a png"));
}

TEST_CASE("a frame is white when every pixel's R, G and B reach the threshold, within the tolerance") {
    WhiteRule rule{250, 10};
    CHECK(analyze_frame(solid(100, 100, 255, 255, 255), rule).white);
    CHECK(analyze_frame(solid(100, 100, 250, 252, 255), rule).white);
    CHECK_FALSE(analyze_frame(solid(100, 100, 249, 255, 255), rule).white);
    CHECK_FALSE(analyze_frame(solid(100, 100, 255, 0, 0), rule).white);
    // Transparent pixels show the white page behind them.
    CHECK(analyze_frame(solid(10, 10, 0, 0, 0, 0), rule).white);
    // 10 ppm of 1,000,000 pixels = 10 pixels of tolerance; the 11th makes it not white.
    Image big = solid(1000, 1000, 255, 255, 255);
    for (int i = 0; i < 10; ++i) big.rgba[i * 4 * 1000] = 0;
    auto facts = analyze_frame(big, rule);
    CHECK(facts.off_white_pixels == 10);
    CHECK(facts.white);
    big.rgba[4 * 500] = 0;
    CHECK_FALSE(analyze_frame(big, rule).white);
    // With 0 ppm a single dark pixel is enough.
    Image one = solid(50, 50, 255, 255, 255);
    one.rgba[0] = 10;
    CHECK_FALSE(analyze_frame(one, WhiteRule{250, 0}).white);
}

TEST_CASE("identical frames have the same digest and any changed pixel or size changes it") {
    WhiteRule rule;
    Image a = solid(20, 10, 1, 2, 3);
    Image b = a;
    CHECK(analyze_frame(a, rule).digest == analyze_frame(b, rule).digest);
    b.rgba[4 * 57 + 1] ^= 1;
    CHECK(analyze_frame(a, rule).digest != analyze_frame(b, rule).digest);
    CHECK(analyze_frame(solid(10, 20, 1, 2, 3), rule).digest != analyze_frame(a, rule).digest);
}

TEST_CASE("a SourceURL is opened only over http or https on an allowed host") {
    const std::vector<std::string> loopback = {"127.0.0.1", "localhost", "[::1]"};
    std::string why;
    CHECK(url_allowed("http://127.0.0.1:5173/app?x=1", loopback, &why));
    CHECK(url_allowed("https://LOCALHOST/", loopback, &why));
    CHECK(url_allowed("http://[::1]:8080/#a", loopback, &why));
    CHECK(url_allowed("http://user:pw@localhost:3000", loopback, &why));
    CHECK_FALSE(url_allowed("http://example.com/", loopback, &why));
    CHECK(why == "host example.com is not in Pages.AllowedHosts");
    CHECK_FALSE(url_allowed("http://localhost.evil.com/", loopback, &why));
    CHECK_FALSE(url_allowed("http://evil.com@", loopback, &why));
    CHECK_FALSE(url_allowed("file:///etc/passwd", loopback, &why));
    CHECK(why == "SourceURL is not an http or https URL with a host");
    CHECK_FALSE(url_allowed("javascript:alert(1)", {"*"}, &why));
    CHECK(url_allowed("https://example.com/", {"*"}, &why));
    CHECK(url_host("http://Example.COM:81/x") == "example.com");
}

TEST_CASE("the browser resolves only the allowed hosts") {
    CHECK(host_resolver_rules({"127.0.0.1", "localhost"}) ==
          "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");
    CHECK(host_resolver_rules({"*"}).empty());
}

TEST_CASE("the Pages config section is read field by field, scripted by default") {
    auto parse = [](const nlohmann::json& pages) {
        nlohmann::json doc = {{"Accounts", nlohmann::json::array()}, {"Pages", pages}};
        return rtc::parse_config(doc, "t.json").pages;
    };
    auto defaults = rtc::parse_config({{"Accounts", nlohmann::json::array()}}, "t.json").pages;
    CHECK(defaults.renderer == rtc::Renderer::Scripted);
    CHECK(defaults.allowed_hosts == std::vector<std::string>{"127.0.0.1", "localhost", "[::1]"});
    CHECK(defaults.max_concurrent == 4);
    auto p = parse({{"Renderer", "chromium"},
                    {"AllowedHosts", {"dev.local"}},
                    {"MaxConcurrent", 2},
                    {"BrowserPath", "/opt/chrome"}});
    CHECK(p.renderer == rtc::Renderer::Chromium);
    CHECK(p.allowed_hosts == std::vector<std::string>{"dev.local"});
    CHECK(p.max_concurrent == 2);
    CHECK(p.browser_path == "/opt/chrome");
    CHECK_THROWS_WITH(parse({{"Renderer", "firefox"}}),
                      "t.json: Pages.Renderer: must be one of scripted, chromium, got \"firefox\"");
    CHECK_THROWS_WITH(parse({{"MaxConcurrent", 0}}), "t.json: Pages.MaxConcurrent: must be in [1,64], got 0");
    CHECK_THROWS_WITH(parse({{"AllowedHosts", nlohmann::json::array()}}),
                      Catch::Contains("Pages.AllowedHosts: must name at least one host"));
    CHECK_THROWS_WITH(parse({{"AllowedHosts", {"http://x"}}}), Catch::Contains("Pages.AllowedHosts[0]"));
    CHECK_THROWS_WITH(parse({{"Renderr", "chromium"}}), Catch::Contains("Pages.Renderr: unknown setting"));
}
