// The Redis state engine (`--state redis://...` or `unix:///...`): every store in one Redis, so any number of
// mock processes on it answer as one service (docs/replicas.md).
#pragma once

#include <memory>

#include "core/state/engine.h"
#include "core/state/settings.h"

namespace rtc::state::redis {

// Connects to options.url; throws Unavailable naming it when Redis does not answer, std::invalid_argument
// when the URL is malformed.
std::unique_ptr<StateEngine> make_redis_engine(const EngineSettings& settings, const StateSettings& options);

}  // namespace rtc::state::redis
