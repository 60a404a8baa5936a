#include "core/console/settings.h"

#include <set>

#include "core/callbacks/settings.h"
#include "core/config_reader.h"

namespace rtc {

void parse_apps(const ConfigField& f, const std::vector<Account>& accounts, std::vector<App>& apps,
                std::vector<CallbackFixture>& callbacks) {
    f.expect_array();
    std::set<std::string> ids;
    for (std::size_t i = 0; i < f.size(); ++i) {
        auto a = f.at(i);
        a.only_keys({"AppId", "AccountId", "VodEnabled", "CloudRecordingEnabled", "WhiteboardRecordMode",
                     "Callback", "Description"});
        App app;
        app.app_id = a["AppId"].nonempty_str();
        app.account_id = a["AccountId"].nonempty_str();
        if (!find_account(accounts, app.account_id))
            a["AccountId"].fail("no account " + app.account_id + " in Accounts");
        a.get("VodEnabled", app.vod_enabled);
        a.get("CloudRecordingEnabled", app.cloud_recording_enabled);
        if (a.has("WhiteboardRecordMode"))
            app.whiteboard_record_mode =
                *whiteboard_mode_from(a["WhiteboardRecordMode"].str_matching(whiteboard_mode_names()));
        if (a.has("Callback")) callbacks.push_back({app.app_id, "", parse_app_callback(a["Callback"])});
        if (!ids.insert(app.app_id).second) a["AppId"].fail("duplicate app id " + app.app_id);
        apps.push_back(std::move(app));
    }
}

}  // namespace rtc
