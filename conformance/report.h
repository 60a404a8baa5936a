// The suite's outputs: the table and score on stdout, JUnit XML for CI dashboards, JSON with the evidence.
#pragma once

#include <ostream>
#include <string>

#include "conformance/runner.h"

namespace rtc::conformance {

void print_table(std::ostream& out, const SuiteResult& r);
std::string junit_xml(const SuiteResult& r);
nlohmann::json json_report(const SuiteResult& r);

}  // namespace rtc::conformance
