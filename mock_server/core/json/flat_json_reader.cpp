// The reader of FlatJson: one pass over the text with an explicit stack, checking what nlohmann's parser
// checks (core/json/json.h).
#include "core/json/flat_json.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace rtc {

namespace {
// Bytes a string carries as they are: printable ASCII but the quote and the backslash.
struct FlatJsonPlainBytes {
    bool v[256] = {};
    constexpr FlatJsonPlainBytes() {
        for (int c = 0x20; c < 0x80; ++c) v[c] = c != '"' && c != '\\';
    }
    constexpr bool operator[](unsigned char c) const { return v[c]; }
};
constexpr FlatJsonPlainBytes kPlain{};
}  // namespace

// One pass over the text with an explicit stack (no recursion: any depth is read, as nlohmann reads it).
class FlatJsonReader {
  public:
    explicit FlatJsonReader(FlatJson& doc)
        : doc_(doc), text_(doc.text()), frames_(scratch_frames()), pending_(scratch_items()) {
        frames_.clear();
        pending_.clear();
    }

    bool read(std::optional<FlatJson::Error>& error) {
        if (!text_.empty() && static_cast<unsigned char>(text_[0]) == 0xEF) {
            // A UTF-8 byte order mark is skipped; a partial one is an error (nlohmann's lexer does the same).
            if (text_.size() < 3 || static_cast<unsigned char>(text_[1]) != 0xBB ||
                static_cast<unsigned char>(text_[2]) != 0xBF)
                return fail(error, 1);
            pos_ = 3;
        }
        if (!document()) return fail(error, pos_ + 1);
        skip_ws();
        // A NUL byte after the document ends the input, as nlohmann's lexer takes it (what follows is
        // unread).
        if (pos_ != text_.size() && text_[pos_] != '\0') return fail(error, pos_ + 1);
        return true;
    }

  private:
    using Kind = FlatJson::Kind;
    struct Frame {
        std::uint32_t node;
        std::uint32_t pending_start;
        bool object;
        FlatJson::Str key;  // the member being read (objects)
    };

    bool fail(std::optional<FlatJson::Error>& error, std::size_t byte) {
        error = FlatJson::Error{byte, too_large_};
        return false;
    }

    void skip_ws() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            ++pos_;
        }
    }
    bool at(char c) {
        skip_ws();
        return pos_ < text_.size() && text_[pos_] == c;
    }

    std::uint32_t new_node(Kind kind) {
        doc_.nodes_.emplace_back();
        doc_.nodes_.back().kind = kind;
        doc_.nodes_.back().begin = static_cast<std::uint32_t>(pos_);
        return static_cast<std::uint32_t>(doc_.nodes_.size() - 1);
    }

    // The document: values, nested through frames_.
    bool document() {
        for (;;) {
            // A value starts here.
            skip_ws();
            if (pos_ >= text_.size()) return false;
            const char c = text_[pos_];
            std::uint32_t done;
            if (c == '{' || c == '[') {
                const std::uint32_t node = new_node(c == '{' ? Kind::Object : Kind::Array);
                ++pos_;
                frames_.push_back(Frame{node, static_cast<std::uint32_t>(pending_.size()), c == '{', {}});
                if (at(c == '{' ? '}' : ']')) {
                    ++pos_;
                    done = close();
                } else {
                    if (c == '{' && !member_key()) return false;
                    continue;
                }
            } else if (!scalar(done)) {
                return false;
            }
            // `done` is a complete value: it belongs to the open container, which may complete in turn.
            for (;;) {
                if (frames_.empty()) return true;
                Frame& f = frames_.back();
                pending_.push_back(FlatJson::Item{f.key, done});
                skip_ws();
                if (pos_ >= text_.size()) return false;
                const char next = text_[pos_];
                if (next == ',') {
                    ++pos_;
                    if (f.object && !member_key()) return false;
                    break;  // the next value
                }
                if (next != (f.object ? '}' : ']')) return false;
                ++pos_;
                done = close();
            }
        }
    }

    // `"key" :` of the next member of the innermost object.
    bool member_key() {
        skip_ws();
        if (pos_ >= text_.size() || text_[pos_] != '"') return false;
        if (!string(frames_.back().key)) return false;
        if (!at(':')) return false;
        ++pos_;
        return true;
    }

    // Closes the innermost container (its closing bracket read): its entries move from pending_ to items_,
    // an object's sorted by key with a repeated key keeping its last value.
    std::uint32_t close() {
        const Frame f = frames_.back();
        frames_.pop_back();
        auto begin = pending_.begin() + f.pending_start;
        auto end = pending_.end();
        if (f.object) end = doc_.order_members(begin, end, true);
        FlatJson::Node& n = doc_.nodes_[f.node];
        n.first = static_cast<std::uint32_t>(doc_.items_.size());
        n.count = static_cast<std::uint32_t>(end - begin);
        n.end = static_cast<std::uint32_t>(pos_);
        doc_.items_.insert(doc_.items_.end(), begin, end);
        pending_.resize(f.pending_start);
        return f.node;
    }

    bool scalar(std::uint32_t& done) {
        const char c = text_[pos_];
        if (c == '"') {
            done = new_node(Kind::String);
            FlatJson::Str s;
            if (!string(s)) return false;
            doc_.nodes_[done].str = s;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            done = new_node(Kind::Null);
            if (!number(doc_.nodes_[done])) return false;
        } else if (literal("true")) {
            done = new_node(Kind::Boolean);
            doc_.nodes_[done].boolean = true;
            pos_ += 4;
        } else if (literal("false")) {
            done = new_node(Kind::Boolean);
            pos_ += 5;
        } else if (literal("null")) {
            done = new_node(Kind::Null);
            pos_ += 4;
        } else {
            return false;
        }
        doc_.nodes_[done].end = static_cast<std::uint32_t>(pos_);
        return true;
    }

    bool literal(std::string_view word) const { return text_.substr(pos_, word.size()) == word; }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // Four hex digits after "\u" at pos_ (which is at the 'u').
    bool code_unit(unsigned& out) {
        if (pos_ + 4 >= text_.size()) return false;
        out = 0;
        for (std::size_t k = 1; k <= 4; ++k) {
            const int h = hex(text_[pos_ + k]);
            if (h < 0) return false;
            out = out * 16 + static_cast<unsigned>(h);
        }
        pos_ += 5;
        return true;
    }

    static void append_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    // The continuation bytes of a UTF-8 sequence whose lead byte is at pos_ (RFC 3629's table: no overlong
    // forms, no surrogates, nothing past U+10FFFF). Advances past it.
    bool utf8_sequence() {
        const auto b = [this](std::size_t k) {
            return pos_ + k < text_.size() ? static_cast<unsigned char>(text_[pos_ + k]) : 0u;
        };
        const unsigned lead = b(0);
        unsigned lo = 0x80, hi = 0xBF;
        std::size_t more;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            if (lead == 0xE0) lo = 0xA0;
            if (lead == 0xED) hi = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            if (lead == 0xF0) lo = 0x90;
            if (lead == 0xF4) hi = 0x8F;
        } else {
            return false;
        }
        if (b(1) < lo || b(1) > hi) return false;
        for (std::size_t k = 2; k <= more; ++k)
            if (b(k) < 0x80 || b(k) > 0xBF) return false;
        pos_ += more + 1;
        return true;
    }

    // A string at pos_ (its opening quote). Without escapes it is a span of the text; with, it is decoded.
    bool string(FlatJson::Str& out) {
        ++pos_;
        const std::size_t start = pos_;
        bool decoding = false;
        std::string& dec = doc_.decoded_;
        std::size_t dec_start = 0;
        for (;;) {
            if (!decoding) {  // the common case: plain ASCII up to the closing quote
                while (pos_ < text_.size() && kPlain[static_cast<unsigned char>(text_[pos_])]) ++pos_;
            }
            if (pos_ >= text_.size()) return false;
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') {
                if (decoding) {
                    out = FlatJson::Str{static_cast<std::uint32_t>(dec_start),
                                        static_cast<std::uint32_t>(dec.size() - dec_start), true};
                } else {
                    out = FlatJson::Str{static_cast<std::uint32_t>(start),
                                        static_cast<std::uint32_t>(pos_ - start), false};
                }
                ++pos_;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                if (!decoding) {
                    decoding = true;
                    dec_start = dec.size();
                    dec.append(text_.substr(start, pos_ - start));
                }
                if (!escape(dec)) return false;
                continue;
            }
            const std::size_t from = pos_;
            if (c < 0x80) {
                ++pos_;
            } else if (!utf8_sequence()) {
                return false;
            }
            if (decoding) dec.append(text_.substr(from, pos_ - from));
        }
    }

    // An escape at pos_ (its backslash), appended decoded.
    bool escape(std::string& dec) {
        if (pos_ + 1 >= text_.size()) return false;
        ++pos_;
        const char e = text_[pos_];
        char simple = 0;
        switch (e) {
            case '"':
                simple = '"';
                break;
            case '\\':
                simple = '\\';
                break;
            case '/':
                simple = '/';
                break;
            case 'b':
                simple = '\b';
                break;
            case 'f':
                simple = '\f';
                break;
            case 'n':
                simple = '\n';
                break;
            case 'r':
                simple = '\r';
                break;
            case 't':
                simple = '\t';
                break;
            case 'u':
                break;
            default:
                return false;
        }
        if (simple) {
            dec += simple;
            ++pos_;
            return true;
        }
        unsigned cp = 0;
        if (!code_unit(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (pos_ + 1 >= text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') return false;
            ++pos_;
            if (!code_unit(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(dec, cp);
        return true;
    }

    static bool digit(char c) { return c >= '0' && c <= '9'; }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at pos_, typed as nlohmann types it.
    bool number(FlatJson::Node& n) {
        const std::size_t start = pos_;
        const bool negative = text_[pos_] == '-';
        if (negative) ++pos_;
        if (pos_ >= text_.size() || !digit(text_[pos_])) return false;
        if (text_[pos_] == '0') {
            ++pos_;
        } else {
            while (pos_ < text_.size() && digit(text_[pos_])) ++pos_;
        }
        const std::size_t int_end = pos_;
        bool is_float = false;
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (pos_ >= text_.size() || !digit(text_[pos_])) return false;
            while (pos_ < text_.size() && digit(text_[pos_])) ++pos_;
            is_float = true;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (pos_ >= text_.size() || !digit(text_[pos_])) return false;
            while (pos_ < text_.size() && digit(text_[pos_])) ++pos_;
            is_float = true;
        }
        if (!is_float) {
            // Whole numbers: int64 when negative, uint64 otherwise; beyond those, a double (as nlohmann).
            std::uint64_t v = 0;
            bool overflow = false;
            for (std::size_t i = start + (negative ? 1 : 0); i < int_end; ++i) {
                const auto d = static_cast<std::uint64_t>(text_[i] - '0');
                if (v > (UINT64_MAX - d) / 10) {
                    overflow = true;
                    break;
                }
                v = v * 10 + d;
            }
            if (!overflow && !negative) {
                n.kind = Kind::Unsigned;
                n.unsigned_value = v;
                return true;
            }
            if (!overflow && v <= static_cast<std::uint64_t>(INT64_MAX) + 1) {
                n.kind = Kind::Integer;
                n.integer = v == static_cast<std::uint64_t>(INT64_MAX) + 1 ? INT64_MIN
                                                                           : -static_cast<std::int64_t>(v);
                return true;
            }
        }
        const std::string token(text_.substr(start, pos_ - start));
        const double d = std::strtod(token.c_str(), nullptr);
        if (!std::isfinite(d)) {
            too_large_ = true;
            return false;
        }
        n.kind = Kind::Float;
        return true;
    }

    // The open containers and their entries so far: per-thread scratch, so a read allocates nothing here
    // once a thread has read its first bodies.
    static std::vector<Frame>& scratch_frames() {
        thread_local std::vector<Frame> frames;
        return frames;
    }
    static std::vector<FlatJson::Item>& scratch_items() {
        thread_local std::vector<FlatJson::Item> items;
        return items;
    }

    FlatJson& doc_;
    std::string_view text_;
    std::size_t pos_ = 0;
    bool too_large_ = false;
    std::vector<Frame>& frames_;
    std::vector<FlatJson::Item>& pending_;
};

bool FlatJson::read(std::optional<Error>& error) {
    nodes_.reserve(16);
    items_.reserve(16);
    return FlatJsonReader(*this).read(error);
}

}  // namespace rtc
