// The request journal's JSON for a state store (core/state/codec/journal_json.h): every field of an entry,
// its optional ones set or not, its enums by name, survives encode -> decode; a bad field is named.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "core/state/codec/journal_json.h"

using namespace rtc;

namespace {

JournalEntry full_entry() {
    JournalEntry e;
    e.seq = 42;
    e.time = 1700000000123;
    e.request_id = "req-1";
    e.method = "POST";
    e.action = "StartWebcast";
    e.version = "2020-12-01";
    e.routed = true;
    e.account_id = "2100000001";
    e.access_key = "AKLT-1";
    e.app_id = "app-1";
    e.remote_addr = "127.0.0.1:5555";
    e.http_status = 400;
    e.error_code = "InvalidParameter";
    e.error_message = "bad";
    e.latency_ms = 1.25;
    e.signature_verdict = signing::SignatureVerdict::Mismatch;
    e.signature_form = signing::SignatureForm::Query;
    e.signed_headers = "host;x-date";
    e.canonical_request = "POST\n/\n";
    e.string_to_sign = "HMAC-SHA256\n";
    e.body_hash_received = "aa";
    e.body_hash_computed = "bb";
    e.unknown_fields = {"Foo", "Bar"};
    e.business_id = "biz";
    e.callback_routed = true;
    e.callback_business_id = "";
    e.throttled = true;
    e.rate_limit = 150;
    e.fault = "rule-1";
    e.fault_type = faults::FaultType::Latency;
    e.fault_delay_ms = 30;
    e.query = "Action=StartWebcast&Version=2020-12-01";
    e.headers = {{"Host", "a"}, {"X-Dup", "1"}, {"X-Dup", "2"}};
    e.body = "{\"AppId\":\"app-1\"}";
    e.body_truncated = true;
    e.replica = "host-1-abc";
    return e;
}

void require_same(const JournalEntry& a, const JournalEntry& b) {
    REQUIRE(a.seq == b.seq);
    REQUIRE(a.time == b.time);
    REQUIRE(a.request_id == b.request_id);
    REQUIRE(a.method == b.method);
    REQUIRE(a.action == b.action);
    REQUIRE(a.version == b.version);
    REQUIRE(a.routed == b.routed);
    REQUIRE(a.account_id == b.account_id);
    REQUIRE(a.access_key == b.access_key);
    REQUIRE(a.app_id == b.app_id);
    REQUIRE(a.remote_addr == b.remote_addr);
    REQUIRE(a.http_status == b.http_status);
    REQUIRE(a.error_code == b.error_code);
    REQUIRE(a.error_message == b.error_message);
    REQUIRE(a.latency_ms == b.latency_ms);
    REQUIRE(a.signature_verdict == b.signature_verdict);
    REQUIRE(a.signature_form == b.signature_form);
    REQUIRE(a.signed_headers == b.signed_headers);
    REQUIRE(a.canonical_request == b.canonical_request);
    REQUIRE(a.string_to_sign == b.string_to_sign);
    REQUIRE(a.body_hash_received == b.body_hash_received);
    REQUIRE(a.body_hash_computed == b.body_hash_computed);
    REQUIRE(a.unknown_fields == b.unknown_fields);
    REQUIRE(a.business_id == b.business_id);
    REQUIRE(a.callback_routed == b.callback_routed);
    REQUIRE(a.callback_business_id == b.callback_business_id);
    REQUIRE(a.throttled == b.throttled);
    REQUIRE(a.rate_limit == b.rate_limit);
    REQUIRE(a.fault == b.fault);
    REQUIRE(a.fault_type == b.fault_type);
    REQUIRE(a.fault_delay_ms == b.fault_delay_ms);
    REQUIRE(a.query == b.query);
    REQUIRE(a.headers.size() == b.headers.size());
    for (std::size_t i = 0; i < a.headers.size(); ++i) {
        REQUIRE(a.headers[i].name == b.headers[i].name);
        REQUIRE(a.headers[i].value == b.headers[i].value);
    }
    REQUIRE(a.body == b.body);
    REQUIRE(a.body_truncated == b.body_truncated);
    REQUIRE(a.replica == b.replica);
}

}  // namespace

TEST_CASE("Codec: a journal entry survives encode and decode with every field set", "[state][codec]") {
    const JournalEntry e = full_entry();
    require_same(state::codec::decode_journal_entry(state::codec::encode(e)), e);
    // Through the text a store keeps, too.
    require_same(state::codec::decode_journal_entry(nlohmann::json::parse(state::codec::encode(e).dump())),
                 e);
}

TEST_CASE("Codec: a journal entry's unset optional fields stay unset, and every enum value round-trips",
          "[state][codec]") {
    const JournalEntry plain;
    const auto j = state::codec::encode(plain);
    REQUIRE_FALSE(j.contains("SignatureVerdict"));
    REQUIRE_FALSE(j.contains("CallbackBusinessId"));
    REQUIRE_FALSE(j.contains("FaultType"));
    require_same(state::codec::decode_journal_entry(j), plain);

    JournalEntry e = full_entry();
    for (auto v : {signing::SignatureVerdict::Ok, signing::SignatureVerdict::Unsigned,
                   signing::SignatureVerdict::Mismatch, signing::SignatureVerdict::Invalid}) {
        e.signature_verdict = v;
        REQUIRE(state::codec::decode_journal_entry(state::codec::encode(e)).signature_verdict == v);
    }
    for (auto f :
         {signing::SignatureForm::None, signing::SignatureForm::Header, signing::SignatureForm::Query}) {
        e.signature_form = f;
        REQUIRE(state::codec::decode_journal_entry(state::codec::encode(e)).signature_form == f);
    }
    for (int i = 0; i < faults::kFaultTypeCount; ++i) {
        e.fault_type = static_cast<faults::FaultType>(i);
        REQUIRE(state::codec::decode_journal_entry(state::codec::encode(e)).fault_type == e.fault_type);
    }
    e.callback_business_id = "biz-2";
    REQUIRE(state::codec::decode_journal_entry(state::codec::encode(e)).callback_business_id ==
            std::optional<std::string>("biz-2"));
}

TEST_CASE("Codec: decoding a journal entry names the missing, mistyped or unknown field", "[state][codec]") {
    auto error_of = [](const nlohmann::json& j) -> std::string {
        try {
            state::codec::decode_journal_entry(j);
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "";
    };
    auto j = state::codec::encode(full_entry());
    j.erase("Action");
    REQUIRE(error_of(j) == "JournalEntry.Action: missing");
    j = state::codec::encode(full_entry());
    j["HttpStatus"] = "four hundred";
    REQUIRE(error_of(j) == "JournalEntry.HttpStatus: wrong type");
    j = state::codec::encode(full_entry());
    j["FaultType"] = "meteor";
    REQUIRE(error_of(j) == "JournalEntry.FaultType: unknown value");
    j = state::codec::encode(full_entry());
    j["Headers"] = nlohmann::json::array({nlohmann::json::array({"only-a-name"})});
    REQUIRE(error_of(j) == "JournalEntry.Headers: not a [name, value] pair");
}

TEST_CASE("The journal's view names the replica that answered only when there is one", "[journal]") {
    JournalEntry e = full_entry();
    REQUIRE(e.to_json()["Replica"] == "host-1-abc");
    e.replica.clear();
    REQUIRE_FALSE(e.to_json().contains("Replica"));
}
