#include "core/callbacks/settings.h"

#include "core/config_reader.h"

namespace rtc {

void parse_callback_settings(const ConfigField& f, CallbackSettings& out) {
    f.only_keys({"TimeoutMs", "RetryDelaysMs", "EventType", "Version", "EndStatus", "MaxConcurrentSends",
                 "JournalCapacity", "ShutdownFlushMs", "TlsVerify", "UpdateEmptyMeansUnchanged",
                 "ChangedResult", "GetCallbackTopLevel"});
    f.get("TimeoutMs", out.timeout_ms, 1, 600000);
    if (f.has("RetryDelaysMs")) {
        auto a = f["RetryDelaysMs"];
        a.expect_array();
        out.retry_delays_ms.clear();
        for (std::size_t i = 0; i < a.size(); ++i) out.retry_delays_ms.push_back(a.at(i).integer(0, 3600000));
    }
    f.get("EventType", out.event_type);
    f.get("Version", out.version);
    f.get("EndStatus", out.end_status, 0, 100);
    f.get("MaxConcurrentSends", out.max_concurrent_sends, 1, 65536);
    f.get("JournalCapacity", out.journal_capacity, 1, 10000000);
    f.get("ShutdownFlushMs", out.shutdown_flush_ms, 0, 600000);
    f.get("TlsVerify", out.tls_verify);
    f.get("UpdateEmptyMeansUnchanged", out.update_empty_means_unchanged);
    f.get("ChangedResult", out.changed_result);
    f.get("GetCallbackTopLevel", out.get_callback_top_level);
}

AppCallback parse_app_callback(const ConfigField& f) {
    f.only_keys({"URL", "SecretKey", "Events"});
    AppCallback cb;
    cb.url = f["URL"].str();
    if (cb.url.rfind("http://", 0) != 0 && cb.url.rfind("https://", 0) != 0)
        f["URL"].fail("must start with http:// or https://");
    f.get("SecretKey", cb.secret_key);
    if (f.has("Events")) {
        auto e = f["Events"];
        e.expect_array();
        for (std::size_t i = 0; i < e.size(); ++i) cb.events.push_back(e.at(i).str());
    }
    return cb;
}

}  // namespace rtc
