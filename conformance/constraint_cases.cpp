#include "conformance/constraint_cases.h"

#include "core/request.h"

namespace rtc::conformance {

namespace {

using json = nlohmann::json;
using spec::Field;
using spec::Type;

struct Ctx {
    const spec::ActionSpec& action;
    const std::string& app_id;
    std::vector<Scenario>& out;
};

// The actions that answer InvalidParameter.CallbackNotFound unless the app already has a callback
// (docs/lifecycle.md, "Callback configuration actions"): their scenarios set one up first.
bool needs_existing_callback(const spec::ActionSpec& a) {
    return a.name == "GetCallback" || a.name == "UpdateCallback" || a.name == "DeleteCallback";
}

// The console state a scenario of `a` needs before its call (applied by the runner through
// the admin front door's change_app, i.e. PUT /_mock/apps/{AppId} on a running mock). The callback URL is on
// loopback and nothing is delivered to it: no task is started by these scenarios.
json console_for(const spec::ActionSpec& a, const std::string& app_id) {
    json console = json::array();
    if (needs_existing_callback(a))
        console.push_back({{"AppId", app_id},
                           {"Callback",
                            {{"URL", "http://127.0.0.1:9/conformance-precondition"},
                             {"SecretKey", "conformance-precondition"}}}});
    return console;
}

std::string fit(std::string s, const Field& f) {
    if (f.max_length && s.size() > *f.max_length) s.resize(*f.max_length);
    return s;
}

bool is_url(const Field& f) {
    return f.name.size() >= 3 && f.name.compare(f.name.size() - 3, 3, "URL") == 0;
}

json valid_value(const Field& f, const std::string& app_id);

json valid_object(const std::vector<Field>& children, const std::string& app_id) {
    json o = json::object();
    for (const auto& c : children)
        if (c.required) o[c.name] = valid_value(c, app_id);
    return o;
}

json valid_value(const Field& f, const std::string& app_id) {
    switch (f.type) {
        case Type::String:
            if (f.default_json().is_string()) return f.default_json();
            if (rtc::iequals(f.name, "AppId")) return app_id;  // AppID on the callback actions
            if (is_url(f)) return fit("https://example.com/conformance", f);
            // Unique per harness run, so a mock with real tasks never sees a leftover.
            return fit("cf{{run}}", f);
        case Type::Integer:
            if (f.default_json().is_number_integer()) return f.default_json();
            if (f.min) return *f.min;
            return 1;
        case Type::Boolean:
            if (f.default_json().is_boolean()) return f.default_json();
            return false;
        case Type::Object:
            return valid_object(f.children, app_id);
        case Type::Array:
            if (!f.children.empty()) return json::array({valid_object(f.children, app_id)});
            return json::array();
    }
    return nullptr;
}

json base_params(const spec::ActionSpec& a, const std::string& app_id) {
    return valid_object(a.fields, app_id);
}

// Sets the value at `path` (parents are created with their required children).
void set_at(json& params, const std::vector<const Field*>& path, const json& value,
            const std::string& app_id) {
    json* cur = &params;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const Field& p = *path[i];
        if (!cur->contains(p.name)) (*cur)[p.name] = valid_value(p, app_id);
        cur = &(*cur)[p.name];
        if (p.type == Type::Array) {
            if (cur->empty()) cur->push_back(valid_object(p.children, app_id));
            cur = &(*cur)[0];
        }
    }
    (*cur)[path.back()->name] = value;
}

void erase_at(json& params, const std::vector<const Field*>& path) {
    json* cur = &params;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        cur = &(*cur)[path[i]->name];
        if (path[i]->type == Type::Array) cur = &(*cur)[0];
    }
    cur->erase(path.back()->name);
}

std::string path_name(const std::vector<const Field*>& path) {
    std::string s;
    for (std::size_t i = 0; i < path.size(); ++i) {
        s += (i ? "." : "") + path[i]->name;
        if (path[i]->type == Type::Array && i + 1 < path.size()) s += "[0]";
    }
    return s;
}

// The call's parameters where the action declares them (docs/conformance.md): a POST action's query fields
// in Query, the others in Params; no Params at all when every field travels in the query string (the body
// is then empty, as the Go SDK sends DeleteCallback).
void place_params(const spec::ActionSpec& a, json params, json& call) {
    if (a.method == "GET") {
        call["Params"] = std::move(params);
        return;
    }
    json query = json::object();
    for (const auto& f : a.fields)
        if (a.place_of(f) == spec::Place::Query && params.contains(f.name)) {
            query[f.name] = params[f.name];
            params.erase(f.name);
        }
    if (a.has_body_fields()) call["Params"] = std::move(params);
    if (!query.empty() || !a.has_body_fields()) call["Query"] = std::move(query);
}

void add_case(Ctx& ctx, const std::vector<const Field*>& path, const std::string& tag,
              const std::string& what, bool valid, json params) {
    const Field& f = *path.back();
    Scenario s;
    const std::string name = path_name(path);
    s.id = "constraint-" + ctx.action.name + "-" + name + "-" + tag;
    s.title = ctx.action.name + " " + name + ": " + what;
    s.level = "MUST";
    s.doc = (f.doc.empty() ? ctx.action.seed : f.doc) + " (declared in spec::action_specs())";
    s.source = "generated from spec::action_specs()";
    s.credentials = "default";
    s.console = console_for(ctx.action, ctx.app_id);
    s.call = {
        {"Action", ctx.action.name}, {"Version", ctx.action.versions.front()}, {"Method", ctx.action.method}};
    place_params(ctx.action, std::move(params), s.call);
    s.responses = json::array({{{"Answer", "mock"}}});
    if (valid) {
        s.why = "a value inside the documented constraint must reach the service intact and succeed";
        s.checks = json::array({{{"Kind", "mock_answer"}, {"Code", ""}},
                                {{"Kind", "params_received"}},
                                {{"Kind", "reports"}, {"Outcome", "success"}}});
    } else {
        s.why =
            "the service rejects it with InvalidParameter; the client must surface that error and not retry "
            "it";
        s.checks = json::array({{{"Kind", "mock_answer"}, {"CodePrefix", "InvalidParameter"}},
                                {{"Kind", "reports"}, {"Outcome", "error"}, {"Code", "$answer"}},
                                {{"Kind", "attempts"}, {"Max", 1}}});
    }
    ctx.out.push_back(std::move(s));
}

void field_cases(Ctx& ctx, std::vector<const Field*> path) {
    const Field& f = *path.back();
    const json base = base_params(ctx.action, ctx.app_id);
    auto with = [&](const json& v) {
        json p = base;
        set_at(p, path, v, ctx.app_id);
        return p;
    };
    if (f.required && path.size() == 1) {
        json p = base;
        erase_at(p, path);
        add_case(ctx, path, "missing", "required field left out", false, p);
    }
    switch (f.type) {
        case Type::Integer:
            if (f.min) {
                add_case(ctx, path, "min", "= " + std::to_string(*f.min) + " (the minimum)", true,
                         with(*f.min));
                const long long below = *f.min - 1;
                const bool off = f.zero_means_off && below == 0;
                if (f.zero_means_off && *f.min > 1)
                    add_case(ctx, path, "zero-off", "= 0 (0 = off)", true, with(0));
                add_case(ctx, path, off ? "zero-off" : "min-1",
                         "= " + std::to_string(below) + (off ? " (0 = off)" : " (one below the minimum)"),
                         off, with(below));
            }
            if (f.max) {
                add_case(ctx, path, "max", "= " + std::to_string(*f.max) + " (the maximum)", true,
                         with(*f.max));
                add_case(ctx, path, "max+1", "= " + std::to_string(*f.max + 1) + " (one past the maximum)",
                         false, with(*f.max + 1));
            }
            add_case(ctx, path, "wrong-type", "a string where an integer is declared", false, with("12x"));
            break;
        case Type::String:
            if (f.max_length) {
                std::string at = is_url(f) ? "https://example.com/" : "";
                if (at.size() < *f.max_length) at += std::string(*f.max_length - at.size(), 'a');
                add_case(ctx, path, "max-length",
                         "length " + std::to_string(*f.max_length) + " (the maximum)", true, with(at));
                add_case(ctx, path, "max-length+1",
                         "length " + std::to_string(*f.max_length + 1) + " (one too long)", false,
                         with(at + "a"));
            }
            if (!f.pattern.empty())
                add_case(ctx, path, "pattern",
                         "a value outside " + (f.pattern_text.empty() ? f.pattern : f.pattern_text), false,
                         with("bad id!"));
            // A query string carries text only: a number there is its digits, which is no wrong type.
            if (f.name != "AppId" && !(path.size() == 1 && ctx.action.method != "GET" &&
                                       ctx.action.place_of(f) == spec::Place::Query))
                add_case(ctx, path, "wrong-type", "a number where a string is declared", false, with(12));
            break;
        case Type::Boolean:
            add_case(ctx, path, "wrong-type", "a string where a boolean is declared", false, with("yes"));
            break;
        case Type::Array:
            if (f.max_items) {
                json items = json::array();
                for (std::size_t i = 0; i < *f.max_items + 1; ++i)
                    items.push_back(f.string_items ? json("Item" + std::to_string(i))
                                                   : valid_object(f.children, ctx.app_id));
                add_case(ctx, path, "max-items+1", std::to_string(*f.max_items + 1) + " items (one too many)",
                         false, with(items));
            }
            for (const auto& c : f.children) {
                auto p = path;
                p.push_back(&c);
                field_cases(ctx, p);
            }
            break;
        case Type::Object:
            for (const auto& c : f.children) {
                auto p = path;
                p.push_back(&c);
                field_cases(ctx, p);
            }
            break;
    }
}

}  // namespace

std::vector<Scenario> constraint_scenarios(const std::vector<spec::ActionSpec>& specs,
                                           const std::string& app_id) {
    std::vector<Scenario> out;
    for (const auto& a : specs) {
        Ctx ctx{a, app_id, out};
        for (const auto& f : a.fields) field_cases(ctx, {&f});
    }
    return out;
}

}  // namespace rtc::conformance
