// What every part of the Redis engine shares: the connection pool, the key prefix, the engine's settings and
// this replica's name. Keys are PREFIX + a part's own name space (wc: Webcast tasks, wb: whiteboard tasks,
// app:, cb: callback settings, dl: deliveries, rl: rate windows, fault:, journal:, replica:);
// docs/replicas.md lists them.
#pragma once

#include <string>
#include <string_view>

#include "core/state/engine.h"
#include "core/state/redis/connection.h"
#include "core/state/settings.h"

namespace rtc::state::redis {

struct Context {
    Client& client;
    EngineSettings settings;
    StateSettings options;
    std::string replica;  // this process's name among the replicas (host-pid-random)

    std::string key(std::string_view suffix) const { return options.prefix + std::string(suffix); }
};

}  // namespace rtc::state::redis
