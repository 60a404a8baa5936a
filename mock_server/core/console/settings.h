// The fixture's apps (config section `Apps`): their console state (core/models/app.h), and each app's default
// callback setting.
#pragma once

#include <vector>

#include "core/models/app.h"
#include "core/models/callbacks.h"
#include "core/signing/settings.h"

namespace rtc {

class ConfigField;

// The apps, each of an account of `accounts`; an app's `Callback` becomes its default callback setting.
void parse_apps(const ConfigField& f, const std::vector<Account>& accounts, std::vector<App>& apps,
                std::vector<CallbackFixture>& callbacks);

}  // namespace rtc
