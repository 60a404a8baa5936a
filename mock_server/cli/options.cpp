#include "cli/options.h"

#include <cctype>
#include <cstdlib>
#include <sstream>
#include <utility>

#include "cli/flags.h"

namespace rtc::cli {

Option value(std::string name, std::string value_name, std::string default_text, std::string help,
             std::function<std::string(const std::string&)> set) {
    Option o;
    o.kind = Option::Kind::Value;
    o.name = std::move(name);
    o.value_name = std::move(value_name);
    o.default_text = std::move(default_text);
    o.help = std::move(help);
    o.set = std::move(set);
    return o;
}

Option toggle(std::string name, std::string default_text, std::string help, std::function<void(bool)> set) {
    Option o;
    o.kind = Option::Kind::Toggle;
    o.name = std::move(name);
    o.default_text = std::move(default_text);
    o.help = std::move(help);
    o.toggle = std::move(set);
    return o;
}

Option action(std::string name, std::string help, std::function<void()> run) {
    Option o;
    o.kind = Option::Kind::Action;
    o.name = std::move(name);
    o.help = std::move(help);
    o.run = std::move(run);
    return o;
}

std::string variable_name(const std::string& prefix, const std::string& flag) {
    std::string out = prefix;
    for (char c : flag.substr(flag.find_first_not_of('-')))
        out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

namespace {

const Option* find(const std::vector<Option>& table, const std::string& flag, std::size_t& index) {
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i].name == flag) return &table[index = i];
        for (const auto& alias : table[i].aliases)
            if (alias == flag) return &table[index = i];
    }
    return nullptr;
}

// Words of `text` after `indent` columns, wrapped to `width`; the first line continues `line`.
void wrap(std::string& out, std::string line, const std::string& text, std::size_t indent,
          std::size_t width) {
    std::istringstream words(text);
    std::string word;
    bool first = true;
    while (words >> word) {
        if (!first && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line = std::string(indent, ' ');
            first = true;
        }
        if (!first) line += ' ';
        line += word;
        first = false;
    }
    out += line + "\n";
}

}  // namespace

void parse_options(const Program& program, const std::vector<Option>& table, int argc, char** argv, int first,
                   const Environment& env) {
    std::vector<bool> given(table.size(), false);
    Args args(program.name, argc, argv, first, program.exit_code);
    while (args.next()) {
        std::size_t index = 0;
        const Option* o = find(table, args.flag(), index);
        if (!o) args.unknown();
        given[index] = true;
        switch (o->kind) {
            case Option::Kind::Action:
                o->run();
                break;
            case Option::Kind::Toggle: {
                bool on = true;
                if (args.has_inline_value())
                    if (std::string problem = parse_bool(args.value(), on); !problem.empty())
                        args.fail(args.flag() + " " + problem);
                o->toggle(on);
                break;
            }
            case Option::Kind::Value:
                if (std::string problem = o->set(args.value()); !problem.empty())
                    args.fail(args.flag() + " " + problem);
                break;
        }
    }
    const Environment lookup = env ? env : [](const char* name) { return std::getenv(name); };
    for (std::size_t i = 0; i < table.size(); ++i) {
        const Option& o = table[i];
        if (given[i] || o.kind == Option::Kind::Action) continue;
        const std::string variable = variable_name(program.variable_prefix, o.name);
        const char* text = lookup(variable.c_str());
        if (!text || !*text) continue;
        std::string problem;
        if (o.kind == Option::Kind::Toggle) {
            bool on = false;
            problem = parse_bool(text, on);
            if (problem.empty()) o.toggle(on);
        } else {
            problem = o.set(text);
        }
        if (!problem.empty()) fail(program.name, variable + " " + problem, program.exit_code);
    }
}

std::string render_options(const Program& program, const std::vector<Option>& table, std::size_t width) {
    constexpr std::size_t kColumn = 28;
    std::string out;
    for (const Option& o : table) {
        std::string left = "  " + o.name;
        if (!o.value_name.empty()) left += " " + o.value_name;
        if (left.size() + 1 >= kColumn) {
            out += left + "\n";
            left.clear();
        }
        left.resize(kColumn, ' ');
        wrap(out, left, o.help, kColumn, width);
        // The default and the variable on a line of their own, so each reads at a glance.
        if (o.kind != Option::Kind::Action)
            wrap(out, std::string(kColumn, ' '),
                 "(default " + o.default_text + "; variable " +
                     variable_name(program.variable_prefix, o.name) + ")",
                 kColumn, width);
    }
    return out;
}

std::string parse_int(const std::string& text, int min, int max, int& out) {
    char* end = nullptr;
    long n = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || n < min || n > max)
        return "must be a whole number in [" + std::to_string(min) + "," + std::to_string(max) + "], got \"" +
               text + "\"";
    out = static_cast<int>(n);
    return "";
}

std::string parse_non_empty(const std::string& text, std::string& out) {
    if (text.empty()) return "must not be empty";
    out = text;
    return "";
}

std::string parse_bool(const std::string& text, bool& out) {
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "1" || lower == "true" || lower == "yes" || lower == "on") {
        out = true;
    } else if (lower == "0" || lower == "false" || lower == "no" || lower == "off") {
        out = false;
    } else {
        return "must be 1, true, yes, on, 0, false, no or off, got \"" + text + "\"";
    }
    return "";
}

}  // namespace rtc::cli
