// A fixed loop of new-task StartWebcast calls through MockService::handle, for instruction counts:
//   valgrind --tool=callgrind --toggle-collect='measured_loop*' build/bench/rtc-handle-profile [calls]
// Warm-up calls run first (lazy pattern compiles, the RNG's first seeding), outside the collected function,
// so the collected instructions divided by the calls are a warm call's cost.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/service.h"
#include "core/service_parts.h"
#include "core/signing/signer.h"

using namespace rtc;

namespace {

double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

ApiRequest signed_start(const std::string& task, TimeMs at) {
    signing::OutgoingRequest out;
    out.method = "POST";
    out.host = "127.0.0.1:8080";
    out.query = {{"Action", "StartWebcast"}, {"Version", "2020-12-01"}};
    out.body = R"({"AppId":"600000000000000000000000","RoomId":"room1","TaskId":")" + task +
               R"(","UserId":"webcast_1","SourceURL":"https://example.com/page"})";
    out.headers.push_back({"Content-Type", "application/json"});
    signing::SignedOutput s = signing::sign_headers(out, {"AKLTLOCALMOCK", "LOCALMOCKSECRET", ""}, {}, at);
    ApiRequest req;
    req.method = "POST";
    req.path = "/";
    req.raw_query = s.query;
    req.headers = s.headers;
    req.headers.push_back({"User-Agent", "rtc-handle-profile"});
    req.headers.push_back({"Content-Length", std::to_string(out.body.size())});
    req.body = out.body;
    req.remote_addr = "127.0.0.1";
    return req;
}

// Not inlined: callgrind collects only inside this function.
__attribute__((noinline)) std::size_t measured_loop(MockService& svc, const std::vector<ApiRequest>& reqs,
                                                    std::size_t from, std::size_t to) {
    std::size_t bytes = 0;
    for (std::size_t i = from; i < to; ++i) bytes += svc.handle(reqs[i]).body.size();
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t calls = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
    const std::size_t warm = 200;
    ServiceDeps deps;
    deps.clock = std::make_shared<VirtualClock>(1733011200000LL);
    ServiceParts parts(load_config_file(std::string(RTC_SOURCE_DIR) + "/bench/config/bench.json"),
                       std::move(deps));
    MockService svc(parts);
    const TimeMs now = parts.clock->now_ms();
    std::vector<ApiRequest> reqs;
    for (std::size_t i = 0; i < warm + calls; ++i)
        reqs.push_back(signed_start("new-" + std::to_string(i), now));
    measured_loop(svc, reqs, 0, 0);  // resolves the symbol before collection starts
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < warm; ++i) bytes += svc.handle(reqs[i]).body.size();
    const double began = thread_cpu_us();
    bytes += measured_loop(svc, reqs, warm, warm + calls);
    const double cpu_us = thread_cpu_us() - began;
    // CPU per call: the requests were signed just before, so (unlike rtc-micro-bench's batch of 16 384)
    // the most recent ones are still in the cache when the loop is short.
    std::printf("%zu calls measured, %.2f us CPU per call, %zu bytes answered, %lld tasks stored\n", calls,
                cpu_us / static_cast<double>(calls), bytes,
                static_cast<long long>(parts.webcast.counts().stored));
    return 0;
}
