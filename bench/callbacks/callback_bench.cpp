// Deliveries per second through the real outbox and HTTP sender to a loopback receiver that takes
// --latency-ms to answer each callback. Target: 1000/s or more with a 100 ms receiver.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>

#include "core/callbacks/outbox.h"
#include "core/config.h"
#include "core/due_pump.h"
#include "core/state/memory/deliveries.h"
#include "http/callback_sender.h"

namespace {

long flag(int argc, char** argv, const std::string& name, long fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (name == argv[i]) return std::strtol(argv[i + 1], nullptr, 10);
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    const long count = flag(argc, argv, "--count", 10000);
    const long latency_ms = flag(argc, argv, "--latency-ms", 100);
    const long workers = flag(argc, argv, "--workers", 512);
    const long receiver_threads = flag(argc, argv, "--receiver-threads", workers + 64);

    httplib::Server receiver;
    receiver.new_task_queue = [receiver_threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(receiver_threads));
    };
    receiver.set_keep_alive_max_count(1000);  // like common web servers (nginx keepalive_requests)
    std::atomic<long> received{0};
    receiver.Post("/cb", [&](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms));  // the receiver's own work
        received++;
        res.set_content("ok", "text/plain");
    });
    const int port = receiver.bind_to_any_port("127.0.0.1");
    std::thread listener([&] { receiver.listen_after_bind(); });

    nlohmann::json doc = {
        {"Accounts", {{{"AccountId", "1"}, {"AccessKey", "AK"}, {"SecretKey", "SK"}}}},
        {"Apps",
         {{{"AppId", "bench-app"},
           {"AccountId", "1"},
           {"Callback", {{"URL", "http://127.0.0.1:" + std::to_string(port) + "/cb"}, {"SecretKey", "s"}}}}}},
        {"Callbacks", {{"JournalCapacity", count * 4}, {"MaxConcurrentSends", workers}}}};
    rtc::Config config = rtc::parse_config(doc, "bench");
    rtc::RealClock clock;
    rtc::state::memory::MemoryDeliveries deliveries(config.callbacks.journal_capacity);
    rtc::events::Hub hub;
    rtc::callbacks::Outbox outbox(config.callbacks, deliveries, hub, clock);
    rtc::DuePump pump(std::make_shared<rtc::RealClock>());
    deliveries.set_wakeup(&pump);
    pump.add(outbox);
    pump.start();  // the retries
    const rtc::callbacks::CallbackSetting to{"bench-app", "", config.app_callbacks.front().callback, 0, 0};
    auto sender = std::make_shared<rtc::HttpCallbackSender>(
        rtc::HttpCallbackSender::Options{static_cast<std::size_t>(workers), false, 10000});
    outbox.set_transport(sender);

    std::printf("callback bench: %ld deliveries, receiver answers in %ld ms, up to %ld concurrent sends\n",
                count, latency_ms, workers);
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < count; ++i)
        outbox.emit(to, "task-" + std::to_string(i), {{"Status", 1}, {"Seq", i}}, clock.now_ms());
    const double emit_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const auto deadline = t0 + std::chrono::seconds(120);
    std::size_t finished = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        using rtc::callbacks::DeliveryOutcome;
        finished = outbox.attempts({"", "", "", DeliveryOutcome::Delivered, 0}).size() +
                   outbox.attempts({"", "", "", DeliveryOutcome::Failed, 0}).size();
        if (finished >= static_cast<std::size_t>(count)) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto attempts = outbox.attempts();
    long delivered = 0, retried = 0;
    std::map<std::string, long> errors;
    std::vector<double> durations;
    for (const auto& a : attempts) {
        if (a.outcome == rtc::callbacks::DeliveryOutcome::Delivered) ++delivered;
        if (a.outcome == rtc::callbacks::DeliveryOutcome::Retrying) ++retried;
        if (!a.error.empty()) errors[a.error]++;
        durations.push_back(a.duration_ms);
    }
    std::sort(durations.begin(), durations.end());
    auto pct = [&](double p) {
        return durations.empty() ? 0.0 : durations[static_cast<std::size_t>(p * (durations.size() - 1))];
    };
    std::printf("emitted in %.3f s (the API side never waits for the wire)\n", emit_s);
    std::printf("delivered %ld of %ld in %.2f s: %.0f deliveries/s (peak workers %zu)\n", delivered, count,
                total_s, static_cast<double>(delivered) / total_s, sender->workers());
    std::printf("attempts that needed a retry: %ld\n", retried);
    for (const auto& [e, n] : errors) std::printf("  %ld x %s\n", n, e.c_str());
    std::printf("attempt duration ms: p50 %.1f  p99 %.1f  max %.1f\n", pct(0.5), pct(0.99), pct(1.0));

    pump.stop();
    outbox.shutdown();
    receiver.stop();
    listener.join();
    return delivered == count ? 0 : 1;
}
