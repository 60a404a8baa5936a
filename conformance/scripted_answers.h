// How the front answers the attempts of a scenario: it verifies the signature as the service would, then
// plays the scenario's scripted step for the call's attempt number (Responses, docs/conformance.md), or
// forwards the request to the mock.
#pragma once

#include "conformance/front.h"
#include "conformance/mock_target.h"
#include "conformance/scenario.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/envelope.h"
#include "core/errors.h"
#include "core/ratelimit/limiter.h"
#include "core/signing/verifier.h"
#include "core/state/memory/rate_windows.h"

namespace rtc::conformance {

class ScriptedAnswers {
  public:
    // A step's "Answer" (docs/conformance.md, "Responses"); "mock" forwards to the mock.
    enum class Step { Mock, Ok, Error, Limit, Raw, Drop, Stall };

    // `config`, `clock` and `mock` must outlive it.
    ScriptedAnswers(const Config& config, const Clock& clock, MockTarget& mock);
    ScriptedAnswers(const ScriptedAnswers&) = delete;
    ScriptedAnswers& operator=(const ScriptedAnswers&) = delete;

    // Before every scenario: a scenario's throttling does not depend on the calls of the ones before.
    void reset() { windows_.clear(); }
    // The front's responder while `s` plays; it counts the attempts of each call. `s` must outlive it.
    Front::Responder responder(const Scenario& s);

  private:
    struct AttemptCounts;
    Answer respond(const Scenario& s, AttemptCounts& counts, Attempt& at);
    Answer scripted(Step kind, const nlohmann::json& step, const QueryParams& q, const signing::Verdict& v,
                    Attempt& at);
    Answer forward(Attempt& at);
    Answer error_answer(const QueryParams& q, const std::string& reason, const std::string& message,
                        bool http200, int retry_after, Attempt& at);
    ResponseMeta meta(const QueryParams& q) const;

    const Config& config_;
    const Clock& clock_;
    MockTarget& mock_;
    signing::Verifier verifier_;
    ErrorCatalog errors_;
    // The documented limit as the service counts it, for scripted "limit" answers: the front's own limiter
    // (declaration + config overrides), so a scenario's throttling does not depend on the mock's limiter.
    state::memory::MemoryRateWindows windows_;  // the front's own windows, not the mock's
    RateLimiter limiter_;
};

}  // namespace rtc::conformance
