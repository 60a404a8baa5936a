#include "pages/page_navigation.h"

#include <chrono>

#include "pages/host_rules.h"

namespace rtc::pages {

namespace {

// The DevTools binding behind onWebcastStart() / onWebcastEnd().
constexpr const char* kBinding = "__rtcMockWebcastEvent";
// Installed before the page's own scripts in every document (reloads included).
constexpr const char* kNotifyScript =
    "(() => {\n"
    "  const send = globalThis.__rtcMockWebcastEvent;\n"
    "  if (typeof send !== 'function') return;\n"
    "  window.onWebcastStart = function onWebcastStart() { send('start'); };\n"
    "  window.onWebcastEnd = function onWebcastEnd() { send('end'); };\n"
    "})();";

void ignore_answer(const nlohmann::json*, const CdpError*) {}

}  // namespace

PageNavigation::PageNavigation(std::shared_ptr<BrowserHost> host, webcast::PageRequest request,
                               std::shared_ptr<PageLog> log)
    : host_(std::move(host)), req_(std::move(request)), log_(std::move(log)) {}

PageNavigation::Opened PageNavigation::open(const std::weak_ptr<HostedPage>& page, std::string* failure) {
    std::string why;
    if (!url_allowed(req_.source_url, host_->settings().allowed_hosts, &why)) {
        log_->load_error("refused", why);
        *failure = "the page was not opened: " + why;
        return Opened::Failed;
    }
    auto browser = host_->browser(&why);
    if (!browser) {
        *failure = "no browser: " + why;
        return Opened::Failed;
    }
    {
        std::lock_guard<std::mutex> lock(mu_);
        browser_ = browser;
    }
    CdpConnection& cdp = *browser->cdp;
    const std::int64_t t = host_->settings().call_timeout_ms;
    const std::int64_t nav_timeout = host_->settings().navigate_timeout_ms;
    try {
        auto ctx = cdp.call("Target.createBrowserContext", nlohmann::json::object(), "", t);
        const std::string context = ctx.value("browserContextId", "");
        {
            std::lock_guard<std::mutex> lock(mu_);
            context_ = context;
            if (stopped_) return Opened::Stopped;  // the page's dispose() at its end closes it
        }
        auto target = cdp.call("Target.createTarget",
                               {{"url", "about:blank"},
                                {"browserContextId", context},
                                {"width", req_.width},
                                {"height", req_.height}},
                               "", t);
        auto attached = cdp.call("Target.attachToTarget",
                                 {{"targetId", target.value("targetId", "")}, {"flatten", true}}, "", t);
        const std::string session = attached.value("sessionId", "");
        {
            std::lock_guard<std::mutex> lock(mu_);
            main_frame_ = target.value("targetId", "");  // a page target's main frame has the target's id
            session_ = session;
        }
        host_->route_session(session, browser->number, page);
        for (const char* domain :
             {"Page.enable", "Runtime.enable", "Network.enable", "Log.enable", "Inspector.enable"})
            cdp.call(domain, nlohmann::json::object(), session, t);
        cdp.call(
            "Emulation.setDeviceMetricsOverride",
            {{"width", req_.width}, {"height", req_.height}, {"deviceScaleFactor", 1}, {"mobile", false}},
            session, t);
        if (req_.event_notify) {
            cdp.call("Runtime.addBinding", {{"name", kBinding}}, session, t);
            cdp.call("Page.addScriptToEvaluateOnNewDocument", {{"source", kNotifyScript}}, session, t);
        }
        auto nav = cdp.call("Page.navigate", {{"url", req_.source_url}}, session, nav_timeout);
        const std::string error = nav.value("errorText", "");
        if (!error.empty()) {
            log_->load_error("navigation", error + " " + req_.source_url);
            *failure = "the page did not load: " + error + " (" + req_.source_url + ")";
            return Opened::Failed;
        }
        std::unique_lock<std::mutex> lock(mu_);
        loader_ = nav.value("loaderId", "");
        const bool committed = cv_.wait_for(lock, std::chrono::milliseconds(nav_timeout), [&] {
            return committed_loader_ == loader_ || crashed_ || stopped_;
        });
        if (stopped_) return Opened::Stopped;
        if (!committed || crashed_) {
            *failure = crashed_ ? "the page's renderer crashed while loading"
                                : "the page did not commit within " + std::to_string(nav_timeout) + " ms (" +
                                      req_.source_url + ")";
            return Opened::Failed;
        }
    } catch (const CdpError& e) {
        *failure = std::string("opening the page failed: ") + e.what();
        return Opened::Failed;
    }
    return Opened::Loaded;
}

void PageNavigation::stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    cv_.notify_all();
}

void PageNavigation::dispose() {
    std::string ctx;
    std::shared_ptr<Browser> browser;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (context_disposed_ || context_.empty() || !browser_) return;
        context_disposed_ = true;
        ctx = context_;
        browser = browser_;
    }
    // Nobody waits for the answer.
    browser->cdp->call_async("Target.disposeBrowserContext", {{"browserContextId", ctx}}, "",
                             host_->settings().call_timeout_ms, ignore_answer);
}

void PageNavigation::forget_session() {
    std::string session;
    {
        std::lock_guard<std::mutex> lock(mu_);
        session = session_;
    }
    if (!session.empty()) host_->forget_session(session);
}

void PageNavigation::reload() {
    Connection to;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (loader_.empty() || !browser_) return;
        to = Connection{browser_, session_};
    }
    log_->console("mock", "page reloaded (refresh)");
    to.browser->cdp->call_async("Page.reload", {{"ignoreCache", true}}, to.session,
                                host_->settings().call_timeout_ms, ignore_answer);
}

PageNavigation::Connection PageNavigation::connection() const {
    std::lock_guard<std::mutex> lock(mu_);
    return Connection{browser_, session_};
}

bool PageNavigation::navigated() const {
    std::lock_guard<std::mutex> lock(mu_);
    return !loader_.empty();
}

bool PageNavigation::crashed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return crashed_;
}

void PageNavigation::renderer_crashed() {
    std::lock_guard<std::mutex> lock(mu_);
    crashed_ = true;
    cv_.notify_all();
}

std::optional<std::string> PageNavigation::on_event(const std::string& method, const nlohmann::json& params) {
    if (method == "Page.frameNavigated") {
        const auto& frame = params.value("frame", nlohmann::json::object());
        if (frame.contains("parentId")) return std::nullopt;
        std::lock_guard<std::mutex> lock(mu_);
        committed_loader_ = frame.value("loaderId", "");
        url_ = frame.value("url", "");
        cv_.notify_all();
    } else if (method == "Network.responseReceived") {
        if (params.value("type", "") != "Document") return std::nullopt;
        const int status = params.value("response", nlohmann::json::object()).value("status", 0);
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (params.value("frameId", "") != main_frame_) return std::nullopt;
            http_status_ = status;
        }
        if (status >= 400) return "the page answered HTTP " + std::to_string(status);
    } else if (method == "Page.javascriptDialogOpening") {
        // A dialog would stop the page's JS thread until someone answers it: nobody watches a capture.
        log_->console("dialog",
                      params.value("type", "") + ": " + params.value("message", "") + " (accepted)");
        Connection to = connection();
        if (to.browser)
            to.browser->cdp->call_async("Page.handleJavaScriptDialog", {{"accept", true}}, to.session,
                                        host_->settings().call_timeout_ms, ignore_answer);
    }
    return std::nullopt;
}

std::string PageNavigation::webcast_call(const nlohmann::json& params) {
    if (params.value("name", "") != kBinding) return "";
    const std::string what = params.value("payload", "");
    return what == "start" || what == "end" ? what : "";
}

void PageNavigation::describe(nlohmann::json& j) const {
    std::lock_guard<std::mutex> lock(mu_);
    if (!url_.empty()) j["URL"] = url_;
    if (http_status_) j["HttpStatus"] = http_status_;
}

}  // namespace rtc::pages
