#include "cli/flags.h"

#include "cli/options.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace rtc::cli {

void fail(const std::string& program, const std::string& message, int exit_code) {
    std::fprintf(stderr, "%s: %s (see --help)\n", program.c_str(), message.c_str());
    std::exit(exit_code);
}

Args::Args(std::string program, int argc, char** argv, int first, int exit_code)
    : program_(std::move(program)), argc_(argc), argv_(argv), index_(first - 1), exit_code_(exit_code) {}

bool Args::next() {
    if (index_ + 1 >= argc_) return false;
    flag_ = argv_[++index_];
    inline_value_.clear();
    has_inline_value_ = false;
    // Only long flags take "=value": "-c=4" stays one (unknown) flag.
    if (auto eq = flag_.find('='); flag_.rfind("--", 0) == 0 && eq != std::string::npos) {
        inline_value_ = flag_.substr(eq + 1);
        flag_.resize(eq);
        has_inline_value_ = true;
    }
    return true;
}

std::string Args::value() {
    if (has_inline_value_) return inline_value_;
    if (index_ + 1 >= argc_) fail(flag_ + " needs a value");
    return argv_[++index_];
}

int Args::integer(int min, int max) {
    int n = 0;
    if (std::string problem = parse_int(value(), min, max, n); !problem.empty()) fail(flag_ + " " + problem);
    return n;
}

double Args::number(double min, double max) {
    std::string v = value();
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || !(d >= min && d <= max))  // !(...) also refuses NaN
        fail(flag_ + " must be a number in [" + std::to_string(min) + "," + std::to_string(max) +
             "], got \"" + v + "\"");
    return d;
}

void Args::fail(const std::string& message) const {
    cli::fail(program_, message, exit_code_);
}

void Args::unknown() const {
    fail("unknown flag " + flag_);
}

}  // namespace rtc::cli
