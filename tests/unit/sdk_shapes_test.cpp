// fixtures/sdk-shapes/requests.json: the exact requests the official Go and Node SDKs send for every action
// the mock serves, replayed in order through MockService::handle, each signed the way its SDK signs. Every
// one must be accepted (docs/service-facts.md §5, §6).
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "support/service_harness.h"

using namespace rtc;
using namespace rtc::test;
using nlohmann::json;

namespace {

json load_shapes() {
    std::ifstream in(std::string(RTC_SOURCE_DIR) + "/fixtures/sdk-shapes/requests.json", std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str());
}

// The request as its SDK puts it on the wire: the fixture's exact query string and body bytes, the SDK's own
// choice of signed headers.
ApiRequest as_sent(const json& shape, TimeMs now) {
    signing::OutgoingRequest req;
    req.method = shape.at("Method").get<std::string>();
    req.host = "127.0.0.1:8080";
    req.query = parse_query(shape.at("Query").get<std::string>());
    if (shape.contains("ContentType")) req.headers.push_back({"Content-Type", shape["ContentType"]});
    req.body = shape.at("Body").get<std::string>();
    const auto convention =
        shape.at("Sdk") == "node" ? signing::HeaderConvention::Node : signing::HeaderConvention::GoPythonJava;
    signing::SignedOutput out = signing::sign_headers(req, kAccount1, {}, now, convention);
    ApiRequest api;
    api.method = req.method;
    api.path = "/";
    api.raw_query = shape.at("Query").get<std::string>();
    api.headers = out.headers;
    api.body = req.body;
    api.remote_addr = "127.0.0.1";
    return api;
}

}  // namespace

TEST_CASE("every request the official SDKs send for the actions the mock serves is accepted, in order",
          "[sdk-shapes]") {
    const json doc = load_shapes();
    const json& shapes = doc.at("Requests");
    REQUIRE(shapes.size() >= 20);
    Harness h;
    std::set<std::pair<std::string, std::string>> covered;  // (Action, Version)
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const json& s = shapes[i];
        INFO("requests.json entry " << i << ": " << s["Sdk"] << " " << s["Action"] << " " << s["Version"]
                                    << " " << s["Note"]);
        ApiResponse resp = h.service->handle(as_sent(s, h.clock->now_ms()));
        INFO(resp.body);
        const json body = json::parse(resp.body);
        CHECK(resp.status == 200);
        CHECK_FALSE(body["ResponseMetadata"].contains("Error"));
        CHECK(body["ResponseMetadata"]["Version"] == s["Version"]);  // echoes the version asked for
        covered.insert({s["Action"].get<std::string>(), s["Version"].get<std::string>()});

        if (s["Action"] == "GetCallback") {
            // The shape the Go SDK reads: Result.Callbacks; never an EventList array at the top level (the Go
            // model types it as a string there).
            const json& result = body["Result"];
            REQUIRE(result["Callbacks"].is_array());
            CHECK(result["Callbacks"].size() == 2);
            CHECK(result["Callbacks"][0]["BusinessId"] == "");
            CHECK(result["Callbacks"][1]["BusinessId"] == "biz-shapes");
            CHECK(result["Callbacks"][1]["EventList"] == json::array({"WebcastStatusChanged"}));
            CHECK_FALSE(result.contains("EventList"));
        }
        h.advance_ms(100);
    }
    // Every action the mock serves, at every version it is declared at, is in the fixture.
    for (const auto& a : spec::action_specs())
        for (const auto& v : a.versions) {
            INFO(a.name << " " << v);
            CHECK(covered.count({a.name, v}) == 1);
        }
    // Every field the SDKs send is a declared one: nothing went to the journal as unknown.
    for (const auto& e : h.parts->engine->journal().query({}).entries) {
        INFO(e->action << " " << e->body << " ?" << e->query);
        CHECK(e->unknown_fields.empty());
    }
    // The two callback settings were removed by DeleteCallback's query form.
    CHECK(h.parts->engine->callback_settings().of_app(kApp).empty());
}
