// JSON written by hand on a hot path, byte for byte what nlohmann::json's dump() writes for the same document
// (the reference: core/json/json.h). An object is described once, as calls on an object writer (number,
// boolean, string, object, array) in nlohmann's member order (byte order of the names); the same description
// drives JsonTextObject (the hand-written text) and JsonDocObject (an nlohmann document, for the admin views
// and for the tests that hold the text to the document).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rtc {

// Appends `s` as a JSON string, byte for byte as nlohmann's dump writes it (invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view s);

class JsonTextObject {
  public:
    explicit JsonTextObject(std::string& out) : out_(out) { out_ += '{'; }
    ~JsonTextObject() { out_ += '}'; }
    JsonTextObject(const JsonTextObject&) = delete;
    JsonTextObject& operator=(const JsonTextObject&) = delete;

    void number(const char* name, long long v) {
        key(name);
        out_ += std::to_string(v);
    }
    void boolean(const char* name, bool v) {
        key(name);
        out_ += v ? "true" : "false";
    }
    void string(const char* name, std::string_view v) {
        key(name);
        append_json_string(out_, v);
    }
    template <typename Fill>
    void object(const char* name, Fill&& fill) {
        key(name);
        JsonTextObject inner(out_);
        fill(inner);
    }
    // An array of objects, one per item: fill(object, item).
    template <typename Items, typename Fill>
    void array(const char* name, const Items& items, Fill&& fill) {
        key(name);
        out_ += '[';
        bool first = true;
        for (const auto& item : items) {
            if (!first) out_ += ',';
            first = false;
            JsonTextObject inner(out_);
            fill(inner, item);
        }
        out_ += ']';
    }

  private:
    void key(const char* name) {
        if (!first_) out_ += ',';
        first_ = false;
        out_ += '"';
        out_ += name;  // names are plain ASCII declared in code
        out_ += "\":";
    }
    std::string& out_;
    bool first_ = true;
};

class JsonDocObject {
  public:
    explicit JsonDocObject(nlohmann::json& j) : j_(j) {
        if (!j_.is_object()) j_ = nlohmann::json::object();
    }
    void number(const char* name, long long v) { j_[name] = v; }
    void boolean(const char* name, bool v) { j_[name] = v; }
    void string(const char* name, std::string_view v) { j_[name] = std::string(v); }
    template <typename Fill>
    void object(const char* name, Fill&& fill) {
        JsonDocObject inner(j_[name]);
        fill(inner);
    }
    template <typename Items, typename Fill>
    void array(const char* name, const Items& items, Fill&& fill) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& item : items) {
            nlohmann::json o = nlohmann::json::object();
            JsonDocObject inner(o);
            fill(inner, item);
            list.push_back(std::move(o));
        }
        j_[name] = std::move(list);
    }

  private:
    nlohmann::json& j_;
};

}  // namespace rtc
