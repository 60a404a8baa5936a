// The adapter's webhook receiver, `COMMAND --serve-callbacks PORT` (docs/conformance.md): started once, on
// first use, and stopped with SIGTERM at the end of the run.
//
// The adapter binds PORT itself, so the harness cannot hold the port for it until it listens, and a port that
// was free when the harness chose it may be taken before the adapter binds it. So the harness trusts the port
// only when every socket listening on it belongs to the adapter's processes (read from /proc): if the adapter
// exits first (its bind failed) or another program listens there, it stops the adapter and starts it again on
// another port. A callback thus never goes to a program the harness did not start (where /proc cannot tell,
// it falls back to waiting until the port accepts connections).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "conformance/adapter_process.h"

namespace rtc::conformance {

class CallbackReceiver {
  public:
    // Ports to try, one per start: by default one the kernel reports unused at that moment.
    using PortChooser = std::function<int()>;

    CallbackReceiver(std::string client, std::map<std::string, std::string> env, PortChooser choose = {});
    CallbackReceiver(const CallbackReceiver&) = delete;
    CallbackReceiver& operator=(const CallbackReceiver&) = delete;

    // Starts the receiver the first time; "" when it listens on port(), else why it cannot be used (the same
    // answer every later time: it is started once per run).
    const std::string& ensure_started();
    int port() const { return port_; }
    void stop() { server_.stop(); }

  private:
    enum class Wait { Listening, Exited, PortTaken, TimedOut };
    Wait wait_listening();

    std::string client_;
    std::map<std::string, std::string> env_;
    PortChooser choose_;
    AdapterServer server_;
    int port_ = 0;
    bool tried_ = false;
    std::string problem_;
};

}  // namespace rtc::conformance
