// The command line of rtc-mock and rtc-bench, read one flag at a time:
//
//     rtc::cli::Args args("rtc-mock", argc, argv);
//     while (args.next()) {
//         if (args.flag() == "--port") port = args.integer(0, 65535);
//         else if (args.flag() == "--host") host = args.value();
//         else args.unknown();
//     }
//
// A flag's value is the next argument (`--port 8080`) or, for a flag starting with "--", the text after its
// first '=' (`--port=8080`). Every mistake ends the process with exit code 2 and one line on stderr,
// "PROGRAM: MESSAGE (see --help)", so the executables word their errors alike.
#pragma once

#include <string>

namespace rtc::cli {

// Prints "PROGRAM: MESSAGE (see --help)" on stderr and exits with `exit_code` (2 unless the caller says).
[[noreturn]] void fail(const std::string& program, const std::string& message, int exit_code = 2);

class Args {
  public:
    // Reads argv[first..argc); a mistake exits with `exit_code`.
    Args(std::string program, int argc, char** argv, int first = 1, int exit_code = 2);

    // Moves to the next argument; false when there is none left.
    bool next();
    // The current flag: the argument, without "=value" when it starts with "--" and has one.
    const std::string& flag() const { return flag_; }
    // The current flag's value: the text after '=', else the next argument (which next() then skips).
    // Exits with "FLAG needs a value" when there is neither. A flag that takes no value does not call it, so
    // an "=value" given to it is ignored.
    std::string value();
    // Whether the current flag came as "--flag=value".
    bool has_inline_value() const { return has_inline_value_; }
    // value() as a whole number in [min, max]; otherwise exits with
    // "FLAG must be a whole number in [min,max], got "VALUE"".
    int integer(int min, int max);
    // value() as a number in [min, max]; otherwise exits with "FLAG must be a number in [min,max], got
    // "VALUE"" (the bounds printed with six decimals, as std::to_string prints a double).
    double number(double min, double max);

    // fail(program, message).
    [[noreturn]] void fail(const std::string& message) const;
    // Exits with "unknown flag FLAG".
    [[noreturn]] void unknown() const;

  private:
    std::string program_;
    int argc_;
    char** argv_;
    int index_;  // of the current argument in argv
    int exit_code_;
    std::string flag_;
    std::string inline_value_;
    bool has_inline_value_ = false;
};

}  // namespace rtc::cli
