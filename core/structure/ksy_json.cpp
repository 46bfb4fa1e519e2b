// SPDX-License-Identifier: MIT
#include "ksy_json.h"

#include <cmath>
#include <cstring>

namespace hexmap::ksy {

namespace {

class Writer {
public:
    Writer(Interpreter& in, std::FILE* f, const JsonOptions& o) : m_in(in), m_f(f), m_o(o) {}
    ~Writer() { flush(); }

    bool ok() const { return m_ok; }

    void structure(StructNode& n, int depth) {
        m_in.complete(n); // its size is known only when its last field is read to the end
        open('{', depth);
        key("_type", depth + 1);
        string(n.type->name);
        position(*n.io, n.start, n.end - n.start, depth + 1);
        std::size_t unnamed = 0;
        for (auto& f : n.seq) {
            if (!f.present) continue;
            key(f.attr->id.empty() ? "_unnamed" + std::to_string(unnamed++) : f.attr->id, depth + 1);
            field(f, depth + 1);
        }
        if (!n.error.empty()) {
            key("_error", depth + 1);
            string(n.error);
        }
        if (m_o.instances) {
            for (const Attr& a : n.type->instances) {
                Field* f = m_in.instance(n, a);
                if (!f->present) continue;
                key(a.id, depth + 1);
                field(*f, depth + 1);
            }
        }
        close('}', depth);
    }

private:
    Interpreter& m_in;
    std::FILE* m_f;
    const JsonOptions& m_o;
    std::string m_buf;
    bool m_ok = true;
    bool m_first = true;

    void flush() {
        if (!m_buf.empty() && std::fwrite(m_buf.data(), 1, m_buf.size(), m_f) != m_buf.size()) m_ok = false;
        m_buf.clear();
    }
    void put(const std::string& s) {
        m_buf += s;
        if (m_buf.size() > (1 << 16)) flush();
    }
    void newline(int depth) {
        if (m_o.indent <= 0) return;
        m_buf += '\n';
        m_buf.append(std::size_t(depth * m_o.indent), ' ');
    }
    void open(char c, int) {
        m_buf += c;
        m_first = true;
    }
    void close(char c, int depth) {
        if (!m_first) newline(depth);
        m_buf += c;
        m_first = false;
    }
    void comma(int depth) {
        if (!m_first) m_buf += ',';
        m_first = false;
        newline(depth);
    }
    void key(const std::string& k, int depth) {
        comma(depth);
        string(k);
        m_buf += m_o.indent > 0 ? ": " : ":";
        m_first = true; // the value follows without a comma
    }
    void string(const std::string& s) {
        m_buf += '"';
        for (unsigned char c : s) {
            switch (c) {
            case '"': m_buf += "\\\""; break;
            case '\\': m_buf += "\\\\"; break;
            case '\n': m_buf += "\\n"; break;
            case '\r': m_buf += "\\r"; break;
            case '\t': m_buf += "\\t"; break;
            default:
                if (c < 0x20) {
                    char b[8];
                    std::snprintf(b, sizeof b, "\\u%04x", c);
                    m_buf += b;
                } else {
                    m_buf += static_cast<char>(c);
                }
            }
        }
        m_buf += '"';
        m_first = false;
    }
    void number(std::uint64_t v) {
        m_buf += std::to_string(v);
        m_first = false;
    }
    void position(const Stream& io, std::uint64_t pos, std::uint64_t size, int depth) {
        std::uint64_t abs = pos;
        const bool inFile = Interpreter::fileOffset(io, pos, abs);
        key("_offset", depth);
        number(abs);
        key("_size", depth);
        number(size);
        if (!inFile) {
            key("_processed", depth);
            put("true");
            m_first = false;
        }
    }

    void scalar(const Value& v) {
        char b[64];
        switch (v.kind) {
        case Value::Kind::Int:
            if (v.big) {
                std::snprintf(b, sizeof b, "\"%llu\"", static_cast<unsigned long long>(v.i));
            } else if (v.i > (std::int64_t(1) << 53) || v.i < -(std::int64_t(1) << 53)) {
                std::snprintf(b, sizeof b, "\"%lld\"", static_cast<long long>(v.i));
            } else {
                std::snprintf(b, sizeof b, "%lld", static_cast<long long>(v.i));
            }
            put(b);
            break;
        case Value::Kind::Float:
            if (std::isfinite(v.f)) std::snprintf(b, sizeof b, "%.17g", v.f);
            else std::snprintf(b, sizeof b, "\"%s\"", std::isnan(v.f) ? "nan" : v.f > 0 ? "inf" : "-inf");
            put(b);
            break;
        case Value::Kind::Bool: put(v.i ? "true" : "false"); break;
        case Value::Kind::String: string(v.s); break;
        case Value::Kind::Bytes: hex(v.s); break;
        default: put("null");
        }
        m_first = false;
    }
    void hex(const std::string& s) {
        static const char d[] = "0123456789abcdef";
        m_buf += '"';
        for (unsigned char c : s) {
            m_buf += d[c >> 4];
            m_buf += d[c & 15];
        }
        m_buf += '"';
        if (m_buf.size() > (1 << 16)) flush();
        m_first = false;
    }

    // one value of a field: a structure, or {_offset, _size, value}
    void one(Field& f, const Value& v, const Stream* io, std::uint64_t offset, std::uint64_t size, int depth,
             bool big, const std::string* error = nullptr) {
        if (v.kind == Value::Kind::Struct) {
            structure(*v.node, depth);
            return;
        }
        open('{', depth);
        if (io) position(*io, offset, size, depth + 1);
        if (v.isError()) {
            key("_error", depth + 1);
            string(v.s);
        } else if (v.kind == Value::Kind::Array) {
            key("value", depth + 1);
            open('[', depth + 1);
            const std::int64_t n = v.items ? std::int64_t(v.items->size()) : 0;
            for (std::int64_t k = 0; k < n; ++k) {
                comma(depth + 2);
                scalar((*v.items)[std::size_t(k)]);
            }
            close(']', depth + 1);
        } else {
            key("value", depth + 1);
            if (big) {
                const std::string bytes = m_in.bytesOf(f, m_o.maxBytes);
                hex(bytes);
                if (f.size > bytes.size()) {
                    key("_truncated", depth + 1);
                    put("true");
                    m_first = false;
                }
            } else if (v.kind == Value::Kind::Bytes && v.s.size() > m_o.maxBytes) {
                hex(v.s.substr(0, std::size_t(m_o.maxBytes)));
                key("_truncated", depth + 1);
                put("true");
                m_first = false;
            } else {
                scalar(v);
            }
            if (v.kind == Value::Kind::Int && v.enumType) {
                auto it = v.enumType->names.find(v.i);
                if (it != v.enumType->names.end()) {
                    key("enum", depth + 1);
                    string(it->second);
                }
            }
        }
        if (error && !v.isError()) {
            // read, but it failed a check (contents, valid): the reason beside the value
            key("_error", depth + 1);
            string(*error);
        }
        close('}', depth);
    }

    void field(Field& f, int depth) {
        const bool valueInstance = f.attr->value != nullptr;
        const Stream* io = valueInstance ? nullptr : f.io.get();
        if (!f.repeated) {
            one(f, f.value, io, f.offset, f.size, depth, f.bigBytes, f.error.empty() ? nullptr : &f.error);
            return;
        }
        open('[', depth);
        const std::uint64_t n = m_in.count(f);
        for (std::uint64_t k = 0; k < n; ++k) {
            comma(depth + 1);
            const Value v = m_in.item(f, k);
            const auto [off, size] = f.itemSpan(k);
            one(f, v, io, off, size, depth + 1, false);
            if (!m_ok) return;
        }
        if (!f.error.empty()) {
            // the array stopped early: the reason is its last entry
            comma(depth + 1);
            open('{', depth + 1);
            key("_error", depth + 2);
            string(f.error);
            close('}', depth + 1);
        }
        close(']', depth);
    }
};

} // namespace

bool writeJson(Interpreter& in, StructNode& node, std::FILE* out, const JsonOptions& options) {
    bool ok;
    {
        Writer w(in, out, options);
        w.structure(node, 0);
        ok = w.ok();
    }
    if (options.indent > 0) std::fputc('\n', out);
    return ok && std::fflush(out) == 0;
}

} // namespace hexmap::ksy
