#include <catch2/catch.hpp>

#include "core/signing/signer.h"
#include "core/timefmt.h"

using namespace rtc;

TEST_CASE("the signer reproduces the official vector of docs/service-facts.md §2", "[signing]") {
    signing::OutgoingRequest req;
    req.method = "POST";
    req.host = "rtc.volcengineapi.com";
    req.query = {{"Action", "StartVoiceChat"}, {"Version", "2024-12-01"}};
    req.headers = {{"Content-Type", "application/json"}};
    req.body = R"({"AppId":"app","RoomId":"room","TaskId":"task"})";
    auto out = signing::sign_headers(req, {"AKLTtest", "topsecretkey", ""}, {"cn-north-1", "rtc"},
                                     *parse_x_date("20241201T000000Z"));
    REQUIRE(out.signature == "43c65ebca204b0bd8fba66f7af061705e2856067638aa8cf3aa74025b0362606");
    bool found = false;
    for (const auto& h : out.headers)
        if (h.name == "Authorization") {
            found = true;
            REQUIRE(h.value ==
                    "HMAC-SHA256 Credential=AKLTtest/20241201/cn-north-1/rtc/request, "
                    "SignedHeaders=content-type;host;x-content-sha256;x-date, "
                    "Signature=43c65ebca204b0bd8fba66f7af061705e2856067638aa8cf3aa74025b0362606");
        }
    REQUIRE(found);
}
