// Reads the signing corpus of fixtures/signing/ (layout in its README.md) for the tests.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/request.h"
#include "support/text_file.h"

namespace rtc::testing {

inline std::string corpus_dir() {
    return std::string(RTC_SOURCE_DIR) + "/fixtures/signing";
}

// One request file as an HTTP server hands it over: header values trimmed, raw query without '?'.
// `raw_headers` keeps the values exactly as written (a client's view before sending).
struct CorpusRequest {
    ApiRequest request;
    std::vector<Header> raw_headers;
};

inline CorpusRequest parse_request_file(const std::string& text) {
    CorpusRequest out;
    std::size_t split = text.find("\n\n");
    std::string head = text.substr(0, split);
    out.request.body = split == std::string::npos ? "" : text.substr(split + 2);
    std::istringstream lines(head);
    std::string line;
    std::getline(lines, line);
    std::size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
    out.request.method = line.substr(0, sp1);
    std::string target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    std::size_t q = target.find('?');
    out.request.path = target.substr(0, q);
    if (q != std::string::npos) out.request.raw_query = target.substr(q + 1);
    while (std::getline(lines, line)) {
        std::size_t colon = line.find(':');
        std::string name = line.substr(0, colon);
        std::string value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);  // the "Name: " separator
        out.raw_headers.push_back({name, value});
        out.request.headers.push_back({name, trim(value)});
    }
    return out;
}

struct CorpusCase {
    std::string name;
    bool valid = false;
    std::filesystem::path dir;
    nlohmann::json context;
    CorpusRequest signed_request;
    std::string file(const char* name) const { return read_text(dir / name); }
};

// Every case of one kind ("valid" or "invalid"), sorted by name.
inline std::vector<CorpusCase> load_corpus(const std::string& kind) {
    std::vector<CorpusCase> out;
    for (const auto& entry : std::filesystem::directory_iterator(corpus_dir() + "/" + kind)) {
        if (!entry.is_directory()) continue;
        CorpusCase c;
        c.name = entry.path().filename().string();
        c.valid = kind == "valid";
        c.dir = entry.path();
        c.context = nlohmann::json::parse(read_text(c.dir / "context.json"));
        c.signed_request = parse_request_file(read_text(c.dir / "signed-request.txt"));
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(),
              [](const CorpusCase& a, const CorpusCase& b) { return a.name < b.name; });
    return out;
}

}  // namespace rtc::testing
