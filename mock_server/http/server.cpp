#include "http/server.h"

#include <httplib.h>

#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/timefmt.h"
#include "core/uri.h"
#include "http/admin_routes.h"
#include "http/connection_abort.h"
#include "http/event_streams.h"
#include "http/inspector_routes.h"
#include "http/task_queue.h"

namespace rtc {

namespace {

ApiRequest to_api_request(const httplib::Request& req) {
    ApiRequest out;
    out.method = req.method;
    out.path = req.path;
    auto q = req.target.find('?');
    if (q != std::string::npos) out.raw_query = req.target.substr(q + 1);
    out.headers.reserve(req.headers.size());
    for (const auto& [name, value] : req.headers) {
        // cpp-httplib adds these itself; they were not sent by the client.
        if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT")
            continue;
        out.headers.push_back({name, value});
    }
    out.body = req.body;
    out.remote_addr = req.remote_addr;
    return out;
}

void write(httplib::Response& res, const ApiResponse& r) {
    res.status = r.status;
    for (const auto& h : r.headers) res.set_header(h.name, h.value);
    res.set_content(r.body, r.content_type.c_str());
}

}  // namespace

HttpServer::HttpServer(MockService& service, ServerOptions options)
    : service_(service), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
    EventStreamSettings streams;
    streams.max_streams = static_cast<std::size_t>(options_.event_streams > 0 ? options_.event_streams : 0);
    streams_ = std::make_unique<EventStreams>(service_.admin(), streams);
    // Nagle's algorithm meets delayed ACKs on keep-alive POSTs (300 req/s); no delay gives the real ceiling.
    server_->set_tcp_nodelay(true);
    const std::size_t max_threads = static_cast<std::size_t>(options_.threads > 0 ? options_.threads : 1);
    server_->new_task_queue = [max_threads] { return new ElasticTaskQueue(8, max_threads); };
    server_->set_keep_alive_max_count(1000000);
    server_->set_keep_alive_timeout(5);
    server_->set_read_timeout(10);
    server_->set_write_timeout(10);
    server_->set_payload_max_length(options_.max_body_bytes);
    // The library listens with a backlog of 5, which drops SYNs (1 s client retries) when many clients
    // connect at once. Remember the listening socket so bind() can deepen the backlog.
    server_->set_socket_options([this](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof(yes));
        listen_socket_ = sock;
    });
    install_routes();
}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::install_routes() {
    // In flight = from the routing of a request until its answer is written (the logger runs after the
    // write). A worker thread serves one request at a time, so a thread-local mark pairs the two and an
    // answer to an unreadable request (which is never routed) is not counted.
    static thread_local bool counted = false;
    server_->set_pre_routing_handler([this](const httplib::Request&, httplib::Response&) {
        if (!counted) {
            counted = true;
            in_flight_.fetch_add(1, std::memory_order_relaxed);
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server_->set_logger([this](const httplib::Request&, const httplib::Response&) {
        if (counted) {
            counted = false;
            in_flight_.fetch_sub(1, std::memory_order_release);
        }
    });
    auto api = [this](const httplib::Request& req, httplib::Response& res) {
        ApiRequest in = to_api_request(req);
        // handle() takes the request's parts into the journal: what the log line needs is kept first.
        const std::string query = options_.verbose ? in.raw_query : std::string();
        ApiResponse out = service_.handle(std::move(in));
        if (out.drop_connection) {
            if (!abort_connection(req, out.reset_connection))
                log_event(options_, "warn", "a drop/reset fault could not find the connection's socket");
            return;
        }
        if (out.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(out.delay_ms));
        write(res, out);
        if (options_.verbose)
            log_event(options_, "info",
                      req.method + " " + req.path + "?" + redact_query_param(query, "X-Security-Token") +
                          " -> " + std::to_string(out.status));
    };
    // The API route first: cpp-httplib tries routes in order and `/` is the hot path.
    server_->Post("/", api);
    server_->Get("/", api);
    install_admin_routes(*server_, service_.admin(), options_);
    streams_->install(*server_, options_);
    install_inspector_routes(*server_, service_.admin(), options_);
    // Anything else outside /_mock/ is still the gateway's to answer (InvalidActionOrVersion and friends).
    const char* other = R"(/(?!_mock/).*)";
    server_->Post(other, api);
    server_->Get(other, api);
    server_->Put(other, api);
    server_->Delete(other, api);
    server_->Patch(other, api);

    server_->set_error_handler(
        httplib::Server::HandlerWithResponse([this](const httplib::Request& req, httplib::Response& res) {
            if (req.path.rfind("/_mock/", 0) == 0) {
                if (res.body.empty())
                    admin_json(res, res.status, {{"error", "no admin route " + req.method + " " + req.path}});
                return httplib::Server::HandlerResponse::Handled;
            }
            if (res.status == 413) {
                ApiRequest in = to_api_request(req);
                write(res, service_.reject(in, "BodyTooLarge",
                                           "the request body is larger than " +
                                               std::to_string(options_.max_body_bytes) + " bytes"));
                res.status = 413;
                return httplib::Server::HandlerResponse::Handled;
            }
            if (res.body.empty()) {
                // A request cpp-httplib could not read (e.g. a header line over its limit) is the client's
                // fault.
                ApiRequest in = to_api_request(req);
                write(res, service_.reject(
                               in, res.status < 500 ? "UnreadableRequest" : "InternalError",
                               "the request could not be read (HTTP " + std::to_string(res.status) + ")"));
            }
            return httplib::Server::HandlerResponse::Handled;
        }));
    server_->set_exception_handler(
        [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                if (ep) std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            log_event(options_, "error", "exception in " + req.method + " " + req.path + ": " + what);
            if (req.path.rfind("/_mock/", 0) == 0) {
                admin_json(res, 500, {{"error", "internal error: " + what}});
            } else {
                write(res, service_.reject(to_api_request(req), "InternalError", "internal error"));
            }
        });
}

int HttpServer::bind() {
    int port = options_.port;
    if (port == 0) {
        port = server_->bind_to_any_port(options_.host);
        if (port < 0) throw std::runtime_error("cannot bind " + options_.host + " to a free port");
    } else if (!server_->bind_to_port(options_.host, port)) {
        throw std::runtime_error("cannot bind " + options_.host + ":" + std::to_string(port) +
                                 " (in use, or not an address of this machine)");
    }
    if (listen_socket_ >= 0) ::listen(listen_socket_, kListenBacklog);
    port_ = port;
    return port;
}

void HttpServer::serve() {
    server_->listen_after_bind();
}

void HttpServer::stop() {
    if (!server_) return;
    // Open event streams first: each says goodbye and ends its response (a stream holds its worker, and so
    // the listener's shutdown, until it does); one whose client stopped reading is cut after the grace.
    streams_->close_all(200);
    if (server_->is_running()) server_->stop();
    if (port_ > 0 && in_flight_.load(std::memory_order_acquire) == 0) shutdown_connections(port_);
}

}  // namespace rtc
