// The service's side of a callback scenario: it signs documented callback envelopes (callbacks::
// callback_signature) and POSTs the ones the scenario lists ("valid", "tampered", "duplicate") to the
// adapter's webhook receiver, recording each answer.
#pragma once

#include <string>
#include <vector>

#include "conformance/callback_receiver.h"
#include "conformance/checks.h"
#include "conformance/scenario.h"
#include "core/callbacks/callback_signature.h"
#include "core/clock.h"
#include "core/config.h"

namespace rtc::conformance {

class CallbackSender {
  public:
    // `config` and `clock` must outlive it. `client` is the adapter command, `run_id` goes into task and
    // event ids.
    CallbackSender(const Config& config, const Clock& clock, const std::string& client, std::string secret,
                   std::string run_id);

    // The deliveries of `s.callback`; with none, `problem` says why the receiver cannot be used.
    std::vector<Delivery> deliver(const Scenario& s, std::string& problem);
    // Stops the receiver (the end of the run).
    void stop() { receiver_.stop(); }

  private:
    callbacks::CallbackEnvelope fresh_envelope();

    const Config& config_;
    const Clock& clock_;
    std::string secret_;
    std::string run_id_;
    CallbackReceiver receiver_;
};

}  // namespace rtc::conformance
