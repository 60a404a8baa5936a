#include "app/healthcheck.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "app/mock_flags.h"
#include "app/server_process.h"

namespace rtc {

namespace {

constexpr int kTimeoutSeconds = 2;
constexpr const char* kFromServer = "--from-server";

// What came back: a status and the start of the body, or the transport error.
struct Outcome {
    int status = 0;
    std::string body;
    std::string error;
};

// Newlines out and at most 200 characters, so the answer fits the one line.
std::string one_line(const std::string& text) {
    std::string out = text.substr(0, 200);
    for (char& c : out)
        if (c == '\n' || c == '\r') c = ' ';
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string describe(httplib::Error error) {
    switch (error) {
        case httplib::Error::Connection:
            return "could not connect (nothing listens there?)";
        case httplib::Error::ConnectionTimeout:
            return "connecting timed out";
        case httplib::Error::Read:
            return "no answer was read (the connection closed or timed out)";
        case httplib::Error::Write:
            return "the request could not be sent";
        default:
            return httplib::to_string(error);
    }
}

}  // namespace

std::string healthcheck_host(const std::string& host) {
    if (host == "0.0.0.0") return "127.0.0.1";
    if (host == "::" || host == "[::]") return "::1";
    return host;
}

int run_healthcheck(int argc, char** argv) {
    const std::string program = "rtc-mock healthcheck";
    MockFlags flags;
    if (argc == 3 && std::string(argv[2]) == kFromServer) {
        // The server beside it says where it listens: a container's health check then follows `docker run
        // IMAGE --port 9000 --admin-token T`, which only the server's command line carries.
        auto server = find_server_process();
        if (!server) {
            std::fprintf(stderr, "%s: %s: no rtc-mock server of this user runs here, or more than one\n",
                         program.c_str(), kFromServer);
            return 1;
        }
        std::vector<char*> server_argv;
        for (auto& arg : server->argv) server_argv.push_back(arg.data());
        server_argv.push_back(nullptr);
        const auto& vars = server->environ;
        flags = parse_mock_flags(program, static_cast<int>(server->argv.size()), server_argv.data(), 1, 1,
                                 [&vars](const char* name) -> const char* {
                                     auto it = vars.find(name);
                                     return it == vars.end() ? nullptr : it->second.c_str();
                                 });
    } else {
        flags = parse_mock_flags(program, argc, argv, 2, 1);
    }
    if (flags.server.port == 0) {
        std::fprintf(
            stderr,
            "%s: the port is 0 (the server picks a free one): give the port it announced with --port "
            "or RTC_MOCK_PORT\n",
            program.c_str());
        return 1;
    }
    const std::string host = healthcheck_host(flags.server.host);
    const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    const std::string url =
        "http://" + shown_host + ":" + std::to_string(flags.server.port) + "/_mock/health";

    // The request runs on its own thread so that the whole check, name resolution included, is bounded: past
    // the deadline the process exits without waiting for it.
    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> answer = promise->get_future();
    std::thread([promise, host, port = flags.server.port, token = flags.server.admin_token]() {
        Outcome out;
        httplib::Client client(host, port);
        client.set_connection_timeout(kTimeoutSeconds, 0);
        client.set_read_timeout(kTimeoutSeconds, 0);
        client.set_write_timeout(kTimeoutSeconds, 0);
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        if (auto res = client.Get("/_mock/health", headers)) {
            out.status = res->status;
            out.body = res->body;
        } else {
            out.error = describe(res.error());
        }
        promise->set_value(std::move(out));
    }).detach();

    if (answer.wait_for(std::chrono::seconds(kTimeoutSeconds)) != std::future_status::ready) {
        std::fprintf(stderr, "%s: no answer from %s within %d s\n", program.c_str(), url.c_str(),
                     kTimeoutSeconds);
        std::fflush(nullptr);
        std::_Exit(1);  // the request thread may still be waiting
    }
    const Outcome out = answer.get();
    if (!out.error.empty()) {
        std::fprintf(stderr, "%s: no answer from %s: %s\n", program.c_str(), url.c_str(), out.error.c_str());
        return 1;
    }
    if (out.status != 200) {
        std::fprintf(stderr, "%s: %s answered HTTP %d: %s\n", program.c_str(), url.c_str(), out.status,
                     one_line(out.body).c_str());
        return 1;
    }
    std::printf("%s: %s answered HTTP 200: %s\n", program.c_str(), url.c_str(), one_line(out.body).c_str());
    return 0;
}

}  // namespace rtc
