#include "conformance/scenario.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace rtc::conformance {

namespace {

std::string need_string(const nlohmann::json& doc, const char* key, const std::string& source) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string() || it->get<std::string>().empty())
        throw std::runtime_error(source + ": " + key + ": required, a non-empty string");
    return it->get<std::string>();
}

const std::vector<std::string> kCheckKinds = {
    "signature_ok",   "security_token", "fresh_x_date", "params_received", "attempts",    "reports",
    "honest_success", "wait_after_429", "gaps",         "elapsed",         "mock_answer", "callback_status"};

}  // namespace

Scenario scenario_from_json(const nlohmann::json& doc, const std::string& source) {
    if (!doc.is_object()) throw std::runtime_error(source + ": a scenario is a JSON object");
    Scenario s;
    s.source = source;
    s.id = need_string(doc, "Id", source);
    s.title = need_string(doc, "Title", source);
    s.level = need_string(doc, "Level", source);
    if (s.level != "MUST" && s.level != "SHOULD")
        throw std::runtime_error(source + ": Level: must be MUST or SHOULD, not " + s.level);
    s.why = need_string(doc, "Why", source);
    s.doc = need_string(doc, "Doc", source);
    s.credentials = doc.value("Credentials", "default");
    if (s.credentials != "default" && s.credentials != "temporary" && s.credentials != "wrong-secret")
        throw std::runtime_error(source + ": Credentials: default, temporary or wrong-secret, not " +
                                 s.credentials);
    s.console = doc.value("Console", nlohmann::json::array());
    s.call = doc.value("Call", nlohmann::json());
    s.callback = doc.value("Callback", nlohmann::json());
    if (s.call.is_null() == s.callback.is_null())
        throw std::runtime_error(source + ": exactly one of Call and Callback is required");
    if (s.call.is_object()) {
        need_string(s.call, "Action", source + ": Call");
        need_string(s.call, "Method", source + ": Call");
        if (!s.call.contains("Version")) s.call["Version"] = "2020-12-01";
        // No Params with a Query: a POST whose parameters all travel in the query string (an empty body).
        if (!s.call.contains("Params") && !s.call.contains("Query"))
            s.call["Params"] = nlohmann::json::object();
        for (const char* k : {"Params", "Query"})
            if (s.call.contains(k) && !s.call[k].is_object())
                throw std::runtime_error(source + ": Call." + k + ": an object");
    }
    s.calls = doc.value("Calls", 1);
    if (s.calls < 1 || s.calls > 100) throw std::runtime_error(source + ": Calls: between 1 and 100");
    s.call_key = doc.value("CallKey", "TaskId");
    s.responses = doc.value("Responses", nlohmann::json::array({{{"Answer", "mock"}}}));
    if (!s.responses.is_array() || s.responses.empty())
        throw std::runtime_error(source + ": Responses: a non-empty array");
    s.checks = doc.value("Checks", nlohmann::json::array());
    if (!s.checks.is_array() || s.checks.empty())
        throw std::runtime_error(source + ": Checks: a non-empty array");
    for (const auto& c : s.checks) {
        std::string kind = c.is_object() ? c.value("Kind", "") : "";
        if (std::find(kCheckKinds.begin(), kCheckKinds.end(), kind) == kCheckKinds.end())
            throw std::runtime_error(source + ": Checks: unknown Kind '" + kind + "'");
    }
    return s;
}

std::vector<Scenario> load_catalogue(const std::string& dir) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    if (ec) throw std::runtime_error(dir + ": cannot read the scenario catalogue: " + ec.message());
    std::sort(files.begin(), files.end());
    std::vector<Scenario> out;
    for (const auto& f : files) {
        std::ifstream in(f);
        nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
        if (doc.is_discarded()) throw std::runtime_error(f.string() + ": not valid JSON");
        out.push_back(scenario_from_json(doc, f.string()));
    }
    return out;
}

}  // namespace rtc::conformance
