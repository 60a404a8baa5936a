// A program's flags declared once, in one table, with the environment variable of each: the parser, --help
// and the README (which shows the --help text) read the same entries.
//
//     std::vector<rtc::cli::Option> table = {
//         rtc::cli::value("--port", "N", "8080", "port to bind",
//                         [&](const std::string& v) { return rtc::cli::parse_int(v, 0, 65535, port); }),
//         rtc::cli::toggle("--verbose", "off", "log every request", [&](bool on) { verbose = on; }),
//     };
//     rtc::cli::parse_options({"rtc-mock", "RTC_MOCK_", 2}, table, argc, argv, 1);
//
// A setting's variable is the prefix and its name without "--", upper-cased, dashes made underscores
// (--admin-token: RTC_MOCK_ADMIN_TOKEN). A flag on the command line wins over its variable; a variable that
// is empty counts as unset. Mistakes end the process with the program's exit code and one line on stderr
// naming the flag or the variable: "rtc-mock: RTC_MOCK_PORT must be a whole number in [0,65535], got "x" (see
// --help)".
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace rtc::cli {

struct Option {
    enum class Kind {
        Value,   // takes a value: --port 8080, --port=8080, RTC_MOCK_PORT=8080
        Toggle,  // takes none on the command line (on); its variable reads 1/true/yes/on or 0/false/no/off
        Action,  // does something and exits (--help, --version): no variable
    };
    Kind kind = Kind::Value;
    std::string name;          // "--port"
    std::string value_name;    // "N", shown in --help (Value only)
    std::string default_text;  // "8080"; shown as "default 8080"
    std::string help;          // one paragraph, wrapped by the renderer
    // Value: reads the text into the setting; "" when it is good, else the problem, worded to follow the
    // flag's or the variable's name ("must be real or virtual, got \"x\"").
    std::function<std::string(const std::string&)> set;
    std::function<void(bool)> toggle;  // Toggle
    std::function<void()> run;         // Action
    std::vector<std::string> aliases;  // other spellings on the command line ("-h"), no variable of their own
};

Option value(std::string name, std::string value_name, std::string default_text, std::string help,
             std::function<std::string(const std::string&)> set);
Option toggle(std::string name, std::string default_text, std::string help, std::function<void(bool)> set);
Option action(std::string name, std::string help, std::function<void()> run);

struct Program {
    std::string name;             // "rtc-mock": the start of every error line
    std::string variable_prefix;  // "RTC_MOCK_"
    int exit_code = 2;            // of a mistake
};

// "RTC_MOCK_ADMIN_TOKEN" for ("RTC_MOCK_", "--admin-token").
std::string variable_name(const std::string& prefix, const std::string& flag);

// Where variables come from (std::getenv; tests pass their own).
using Environment = std::function<const char*(const char*)>;

// Parses argv[first..argc): each flag of the table, its value checked by its setter; an action runs when it
// is met. Then every setting not given on the command line is read from its variable, when set and not empty.
// Exits with program.exit_code and one line on stderr on the first mistake.
void parse_options(const Program& program, const std::vector<Option>& table, int argc, char** argv, int first,
                   const Environment& env = nullptr);

// The flags part of --help: each flag with its value name and its help, then a line
// "(default D; variable V)", wrapped to `width` columns.
std::string render_options(const Program& program, const std::vector<Option>& table, std::size_t width = 110);

// Value readers for setters: "" when `text` is good (and stored), else the problem.
std::string parse_int(const std::string& text, int min, int max, int& out);
std::string parse_non_empty(const std::string& text, std::string& out);
// 1/true/yes/on or 0/false/no/off, any case.
std::string parse_bool(const std::string& text, bool& out);

}  // namespace rtc::cli
