// rtc-conformance: runs a client under test against the mock, scenario by scenario, and grades it.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "build_info/data_dir.h"
#include "build_info/default_fixture.h"
#include "build_info/version.h"
#include "conformance/constraint_cases.h"
#include "conformance/report.h"
#include "conformance/runner.h"
#include "core/config.h"

namespace {

using namespace rtc::conformance;

const char* kUsage = R"(usage: rtc-conformance --client 'COMMAND ...' [options]

  --client CMD          the client's adapter command (docs/conformance.md "Writing an adapter"); required
                        unless --list
  --mock-url URL        use a running rtc-mock (its admin API) instead of an in-process one
  --admin-token TOKEN   bearer token for the admin API of --mock-url
  --config FILE         the mock's fixture (default: the built-in copy of fixtures/default.json)
  --scenarios DIR       the scenario catalogue (default fixtures/conformance from the source tree, or
                        share/rtc-mock/fixtures/conformance beside an installed rtc-conformance)
  --no-generated        leave out the constraint scenarios generated from the action declarations
  --only ID[,ID...]     run only these scenarios (a trailing * matches a prefix)
  --list                list the scenarios and exit
  --junit FILE          write a JUnit XML report
  --json FILE           write a JSON report with the evidence (every attempt, every report)
  --call-timeout-ms N   kill an adapter call after N ms (default 30000)
  --verbose             print each verdict on stderr as it is decided
  --version             print the version (and the git commit it was built from) and exit
  --help                this text

Exit: 0 when every MUST scenario passed, 1 when one failed, 2 on a usage or setup error.
)";

bool selected(const std::string& id, const std::vector<std::string>& only) {
    if (only.empty()) return true;
    for (const auto& o : only) {
        if (!o.empty() && o.back() == '*' ? id.rfind(o.substr(0, o.size() - 1), 0) == 0 : id == o)
            return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    RunOptions opts;
    std::string config_path, scenarios_dir, junit, json_out;
    std::vector<std::string> only;
    bool list = false, generated = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](const char* name) -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "rtc-conformance: %s needs a value\n", name);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--client")
            opts.client = value("--client");
        else if (a == "--mock-url")
            opts.mock_url = value("--mock-url");
        else if (a == "--admin-token")
            opts.admin_token = value("--admin-token");
        else if (a == "--config")
            config_path = value("--config");
        else if (a == "--scenarios")
            scenarios_dir = value("--scenarios");
        else if (a == "--no-generated")
            generated = false;
        else if (a == "--only") {
            std::stringstream ss(value("--only"));
            for (std::string id; std::getline(ss, id, ',');)
                if (!id.empty()) only.push_back(id);
        } else if (a == "--list")
            list = true;
        else if (a == "--junit")
            junit = value("--junit");
        else if (a == "--json")
            json_out = value("--json");
        else if (a == "--call-timeout-ms")
            opts.call_deadline_ms = std::atoll(value("--call-timeout-ms").c_str());
        else if (a == "--verbose")
            opts.verbose = true;
        else if (a == "--version") {
            std::puts(rtc::build_info::version_line("rtc-conformance").c_str());
            return 0;
        } else if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else {
            std::fprintf(stderr, "rtc-conformance: unknown argument %s (see --help)\n", a.c_str());
            return 2;
        }
    }
    if (scenarios_dir.empty()) {
        scenarios_dir = rtc::build_info::find_data("fixtures/conformance");
        if (scenarios_dir.empty()) {
            std::string looked;
            for (const auto& dir : rtc::build_info::data_dirs()) looked += " " + dir;
            std::fprintf(
                stderr,
                "rtc-conformance: no scenario catalogue fixtures/conformance under:%s (use --scenarios)\n",
                looked.c_str());
            return 2;
        }
    }

    rtc::Config config;
    std::vector<Scenario> catalogue;
    try {
        config = config_path.empty() ? rtc::build_info::default_config() : rtc::load_config_file(config_path);
        catalogue = load_catalogue(scenarios_dir);
        if (generated) {
            std::string app = config.apps.empty() ? "" : config.apps.front().app_id;
            for (auto& s : constraint_scenarios(rtc::spec::action_specs(), app))
                catalogue.push_back(std::move(s));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rtc-conformance: %s\n", e.what());
        return 2;
    }
    std::set<std::string> ids;
    for (const auto& s : catalogue)
        if (!ids.insert(s.id).second) {
            std::fprintf(stderr, "rtc-conformance: %s: duplicate scenario Id %s\n", s.source.c_str(),
                         s.id.c_str());
            return 2;
        }
    std::vector<Scenario> chosen;
    for (const auto& s : catalogue)
        if (selected(s.id, only)) chosen.push_back(s);
    if (list) {
        for (const auto& s : chosen)
            std::printf("%-48s %-6s %s  [%s]\n", s.id.c_str(), s.level.c_str(), s.title.c_str(),
                        s.doc.c_str());
        return 0;
    }
    if (opts.client.empty()) {
        std::fputs("rtc-conformance: --client is required\n", stderr);
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (chosen.empty()) {
        std::fputs("rtc-conformance: --only matches no scenario (see --list)\n", stderr);
        return 2;
    }
    SuiteResult result;
    try {
        Runner runner(config, opts);
        result = runner.run(chosen);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rtc-conformance: %s\n", e.what());
        return 2;
    }
    print_table(std::cout, result);
    if (!junit.empty()) {
        std::ofstream f(junit);
        f << junit_xml(result);
        if (!f) std::fprintf(stderr, "rtc-conformance: cannot write %s\n", junit.c_str());
    }
    if (!json_out.empty()) {
        std::ofstream f(json_out);
        f << json_report(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        if (!f) std::fprintf(stderr, "rtc-conformance: cannot write %s\n", json_out.c_str());
    }
    return result.any_must_failed() ? 1 : 0;
}
