// bare-httplib-server: the ceiling of cpp-httplib on this machine. The same server settings as rtc-mock
// (TCP_NODELAY, the mock's elastic worker pool, its listen backlog, keep-alive without a count limit), a
// constant answer of the size of the mock's envelope, and nothing else: no parsing, signing, journal or
// logging.
#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "http/server.h"
#include "http/task_queue.h"

namespace {

const char* kBody =
    R"({"ResponseMetadata":{"RequestId":"20241201000000000000000000000000","Action":"StartWebcast",)"
    R"("Version":"2020-12-01","Service":"rtc","Region":"cn-north-1"},"Result":{"Message":"success"}})";

const char* kUsage =
    "usage: bare-httplib-server [--host 127.0.0.1] [--port 8090] [--threads 128]\n"
    "  Answers every GET/POST with a constant JSON body; the first stdout line is `listening on URL`.\n";

int int_arg(const char* flag, const char* v) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 0 || n > 65535) {
        std::fprintf(stderr, "bare-httplib-server: %s must be a number in [0,65535], got \"%s\"\n", flag, v);
        std::exit(2);
    }
    return static_cast<int>(n);
}

}  // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    int port = 8090;
    int threads = 128;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "bare-httplib-server: %s needs a value\n%s", a.c_str(), kUsage);
            return 2;
        }
        if (a == "--host") {
            host = argv[++i];
        } else if (a == "--port") {
            port = int_arg("--port", argv[++i]);
        } else if (a == "--threads") {
            threads = int_arg("--threads", argv[++i]);
            if (threads < 1) threads = 1;
        } else {
            std::fprintf(stderr, "bare-httplib-server: unknown flag %s\n%s", a.c_str(), kUsage);
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);

    httplib::Server server;
    server.set_tcp_nodelay(true);
    server.new_task_queue = [threads] {
        return new rtc::ElasticTaskQueue(8, static_cast<std::size_t>(threads));
    };
    int listen_socket = -1;
    server.set_socket_options([&listen_socket](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof(yes));
        listen_socket = sock;
    });
    server.set_keep_alive_max_count(1000000);
    server.set_keep_alive_timeout(5);
    auto constant = [](const httplib::Request&, httplib::Response& res) {
        res.set_content(kBody, "application/json; charset=utf-8");
    };
    server.Post("/", constant);
    server.Get("/", constant);

    if (port == 0) {
        port = server.bind_to_any_port(host);
        if (port < 0) {
            std::fprintf(stderr, "bare-httplib-server: cannot bind %s\n", host.c_str());
            return 2;
        }
    } else if (!server.bind_to_port(host, port)) {
        std::fprintf(stderr, "bare-httplib-server: cannot bind %s:%d\n", host.c_str(), port);
        return 2;
    }
    if (listen_socket >= 0) ::listen(listen_socket, rtc::HttpServer::kListenBacklog);
    std::printf("listening on http://%s:%d\n", host.c_str(), port);
    std::fflush(stdout);
    server.listen_after_bind();
    return 0;
}
