// The in-process state engine (the default, `--state memory`): every store in this process's memory.
#pragma once

#include <memory>

#include "core/state/engine.h"

namespace rtc::state::memory {

std::unique_ptr<StateEngine> make_memory_engine(const EngineSettings& settings);

}  // namespace rtc::state::memory
