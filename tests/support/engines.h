// The state engines the tests hold to one contract (tests/unit/state_contract_*.cpp) and run the lifecycle
// and race tests on: the memory engine always; another engine joins the list when it can run here.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/state/engine.h"
#include "core/state/memory/engine.h"

namespace rtc::test {

inline std::vector<std::string> engine_names() {
    return {"memory"};
}

inline std::unique_ptr<state::StateEngine> make_engine(const std::string& name,
                                                       const state::EngineSettings& settings) {
    if (name == "memory") return state::memory::make_memory_engine(settings);
    throw std::invalid_argument("no state engine " + name);
}

// The engine of the running test case: it runs once per engine (a Catch2 generator). The lifecycle, race and
// action tests build their mocks on it, so every engine passes them too.
inline std::string each_engine() {
    return GENERATE(from_range(engine_names()));
}

}  // namespace rtc::test
