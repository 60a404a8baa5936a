// A page's place in the browser and its document: its own browser context (nothing shared with other tasks),
// one target attached as a flat session whose events BrowserHost routes to the page, the viewport of the
// task's first VideoSolutions entry, onWebcastStart() / onWebcastEnd() injected before the page's scripts
// when EnableEventNotify is on, the navigation to SourceURL and its reloads, what DevTools says of the main
// frame (URL, HTTP status, a crashed renderer), and dialogs accepted so that none stops the page's JS thread.
//
// Threads: open(), reload() and forget_session() run on the page's thread; the rest on any (close() on the
// lifecycle's, events on the DevTools reader). The lock guards only these fields: never held while calling
// DevTools, the host or the log.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/webcast/page_source.h"
#include "pages/browser_host.h"
#include "pages/page_log.h"

namespace rtc::pages {

class PageNavigation {
  public:
    enum class Opened { Loaded, Stopped, Failed };
    // Where the page's commands go; browser is null until open() has it.
    struct Connection {
        std::shared_ptr<Browser> browser;
        std::string session;
    };

    PageNavigation(std::shared_ptr<BrowserHost> host, webcast::PageRequest request,
                   std::shared_ptr<PageLog> log);

    // The page's thread: the context, the target with its session routed to `page`, SourceURL navigated and
    // committed (waited for up to Pages.NavigateTimeoutMs). Failed: `failure` says why, for the listener;
    // Stopped: stop() came first, nothing to report.
    Opened open(const std::weak_ptr<HostedPage>& page, std::string* failure);
    // open() returns Stopped as soon as it can: the page was closed or has failed.
    void stop();
    // Disposes of the browser context, which closes the target and its renderer at once. Idempotent.
    void dispose();
    // The page's thread, at its end: its session's events are no longer routed.
    void forget_session();
    // The page's thread: Page.reload, once Page.navigate has answered.
    void reload();

    Connection connection() const;
    bool navigated() const;  // Page.navigate answered: there is a document to capture or reload
    bool crashed() const;

    // The DevTools reader thread.
    void renderer_crashed();  // Inspector.targetCrashed: open() stops waiting, the crash check hits
    // Page.frameNavigated, Network.responseReceived and Page.javascriptDialogOpening; returns the line the
    // task's events get (an HTTP error answer), if any. Ignores other events.
    std::optional<std::string> on_event(const std::string& method, const nlohmann::json& params);
    // Runtime.bindingCalled: "start" or "end" when it is the page calling onWebcastStart() or onWebcastEnd()
    // through the injected binding, else "".
    static std::string webcast_call(const nlohmann::json& params);

    // "URL" and "HttpStatus" of the page's describe().
    void describe(nlohmann::json& j) const;

  private:
    const std::shared_ptr<BrowserHost> host_;
    const webcast::PageRequest req_;
    const std::shared_ptr<PageLog> log_;

    mutable std::mutex mu_;
    std::condition_variable cv_;  // the commit open() waits for
    bool stopped_ = false;
    std::shared_ptr<Browser> browser_;
    std::string context_, session_, main_frame_, loader_, committed_loader_, url_;
    bool context_disposed_ = false;
    bool crashed_ = false;
    int http_status_ = 0;
};

}  // namespace rtc::pages
