#include "conformance/report.h"

#include <cstdio>
#include <sstream>

namespace rtc::conformance {

namespace {

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                // XML 1.0 forbids most control characters.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

std::string fixed(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

}  // namespace

void print_table(std::ostream& out, const SuiteResult& r) {
    std::size_t idw = 8;
    for (const auto& s : r.scenarios) idw = std::max(idw, s.id.size());
    char line[512];
    std::snprintf(line, sizeof line, "%-*s  %-6s  %-7s  %s\n", static_cast<int>(idw), "SCENARIO", "LEVEL",
                  "VERDICT", "WHY");
    out << line;
    for (const auto& s : r.scenarios) {
        std::snprintf(line, sizeof line, "%-*s  %-6s  %-7s  ", static_cast<int>(idw), s.id.c_str(),
                      s.level.c_str(), s.verdict.c_str());
        out << line << s.why << "\n";
    }
    out << "\nclient: " << r.client << "\nmock:   " << r.mock << "\n";
    out << "score: MUST " << r.must_passed << "/" << r.must_total << ", SHOULD " << r.should_passed << "/"
        << r.should_total << ", overall " << fixed(r.percent) << "% (" << r.skipped << " skipped)\n";
    out << (r.any_must_failed() ? "result: FAIL (a MUST scenario failed)\n"
                                : "result: PASS (every MUST scenario passed)\n");
}

std::string junit_xml(const SuiteResult& r) {
    std::ostringstream x;
    std::int64_t total_ms = 0;
    for (const auto& s : r.scenarios) total_ms += s.duration_ms;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x << "<testsuites name=\"rtc-conformance\">\n";
    x << "  <testsuite name=\"rtc-conformance\" tests=\"" << r.scenarios.size() << "\" failures=\""
      << (r.must_failed + r.should_failed) << "\" skipped=\"" << r.skipped << "\" time=\""
      << fixed(total_ms / 1000.0) << "\">\n";
    x << "    <properties><property name=\"client\" value=\"" << xml_escape(r.client)
      << "\"/></properties>\n";
    for (const auto& s : r.scenarios) {
        x << "    <testcase classname=\"rtc-conformance." << s.level << "\" name=\"" << xml_escape(s.id)
          << ": " << xml_escape(s.title) << "\" time=\"" << fixed(s.duration_ms / 1000.0) << "\">";
        if (s.verdict == "FAIL")
            x << "\n      <failure message=\"" << xml_escape(s.why) << "\" type=\"" << s.level << "\">"
              << xml_escape("why it matters: " + s.scenario_why + "\nsource: " + s.doc) << "</failure>\n    ";
        else if (s.verdict == "SKIP")
            x << "\n      <skipped message=\"" << xml_escape(s.why) << "\"/>\n    ";
        x << "</testcase>\n";
    }
    x << "  </testsuite>\n</testsuites>\n";
    return x.str();
}

nlohmann::json json_report(const SuiteResult& r) {
    nlohmann::json scenarios = nlohmann::json::array();
    for (const auto& s : r.scenarios) {
        nlohmann::json checks = nlohmann::json::array();
        for (const auto& c : s.checks)
            checks.push_back({{"Kind", c.kind}, {"Verdict", c.verdict}, {"Why", c.why}});
        scenarios.push_back({{"Id", s.id},
                             {"Title", s.title},
                             {"Level", s.level},
                             {"Verdict", s.verdict},
                             {"Why", s.why},
                             {"Rationale", s.scenario_why},
                             {"Doc", s.doc},
                             {"DurationMs", s.duration_ms},
                             {"Checks", checks},
                             {"Evidence", s.evidence}});
    }
    return {{"Client", r.client},
            {"Mock", r.mock},
            {"Score",
             {{"MustPassed", r.must_passed},
              {"MustTotal", r.must_total},
              {"ShouldPassed", r.should_passed},
              {"ShouldTotal", r.should_total},
              {"Skipped", r.skipped},
              {"Percent", r.percent}}},
            {"Result", r.any_must_failed() ? "FAIL" : "PASS"},
            {"Scenarios", scenarios}};
}

}  // namespace rtc::conformance
