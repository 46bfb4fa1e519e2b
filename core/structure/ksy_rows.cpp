// SPDX-License-Identifier: MIT
#include "ksy_rows.h"

#include "ksy_ops.h"

#include <algorithm>
#include <cstdio>

namespace hexmap::ksy {

std::string rowValueText(const Value& v) {
    char b[64];
    switch (v.kind) {
    case Value::Kind::Int: {
        std::string dec = valueText(v);
        if (v.enumType) {
            auto it = v.enumType->names.find(v.i);
            return (it != v.enumType->names.end() ? it->second : std::string("?")) + " (" + dec + ")";
        }
        if (v.i >= 10 || v.i < 0) {
            std::snprintf(b, sizeof b, " (0x%llx)", static_cast<unsigned long long>(v.i));
            dec += b;
        }
        return dec;
    }
    case Value::Kind::Bytes: {
        std::string o;
        for (std::size_t k = 0; k < v.s.size() && k < 24; ++k) {
            std::snprintf(b, sizeof b, "%s%02x", k ? " " : "", static_cast<unsigned char>(v.s[k]));
            o += b;
        }
        return v.s.size() > 24 ? o + " …" : o;
    }
    case Value::Kind::String: {
        std::string s = v.s.size() > 200 ? v.s.substr(0, 200) + "…" : v.s;
        for (char& c : s)
            if (static_cast<unsigned char>(c) < 0x20) c = ' ';
        return "\"" + s + "\"";
    }
    case Value::Kind::Struct:
    case Value::Kind::Array:
    case Value::Kind::None: return {};
    case Value::Kind::Error: return v.s;
    default: return valueText(v);
    }
}

namespace {

class Walker {
public:
    Walker(Interpreter& in, const RowLimits& l, std::vector<TreeRow>& rows) : m_in(in), m_l(l), m_rows(rows) {}

    void structure(StructNode& n, int parent, int depth, const std::string& path) {
        m_in.ensureRead(n);
        std::size_t unnamed = 0;
        for (auto& f : n.seq) {
            if (!f.present) continue;
            const std::string name = f.attr->id.empty() ? "_unnamed" + std::to_string(unnamed++) : f.attr->id;
            field(f, name, parent, depth, path);
            if (full()) return;
        }
        if (!n.error.empty() && (n.seq.empty() || n.seq.back().error.empty())) {
            TreeRow r;
            r.parent = parent;
            r.depth = depth;
            r.name = "(error)";
            r.value = n.error;
            r.error = true;
            add(std::move(r));
        }
        for (const Attr& a : n.type->instances) {
            if (full()) return;
            Field* f = m_in.instance(n, a);
            if (!f->present) continue;
            field(*f, a.id, parent, depth, path);
        }
    }

private:
    Interpreter& m_in;
    const RowLimits& m_l;
    std::vector<TreeRow>& m_rows;

    bool full() const { return m_rows.size() >= m_l.maxRows; }
    int add(TreeRow r) {
        m_rows.push_back(std::move(r));
        return int(m_rows.size() - 1);
    }

    void place(TreeRow& r, const Stream* io, std::uint64_t off, std::uint64_t size) {
        std::uint64_t abs = 0;
        if (io && Interpreter::fileOffset(*io, off, abs)) {
            r.offset = abs;
            r.size = size;
            r.located = true;
        }
    }

    // Integers of a plain uN/sN type (their width is their size) and strings of a fixed size
    // in an encoding written here can be edited in place.
    static void editable(TreeRow& r, const Value& v, const Field& f, const std::string& type) {
        const TypeRef t = parsePrimitive(type);
        if (v.kind == Value::Kind::Int && (t.kind == TypeRef::Kind::UInt || t.kind == TypeRef::Kind::SInt) &&
            r.size == std::uint64_t(t.width) && !f.attr->size) {
            r.edit = t.kind == TypeRef::Kind::UInt ? TreeRow::Edit::Unsigned : TreeRow::Edit::Signed;
            r.little = t.endian == Endian::Little || (t.endian != Endian::Big && f.owner && f.owner->little);
            if (t.width > 1 && t.endian == Endian::Inherit && !(f.owner && f.owner->endianKnown)) r.edit = TreeRow::Edit::None;
            if (v.enumType)
                for (const auto& [value, name] : v.enumType->names) r.enumValues.emplace_back(name, value);
            return;
        }
        if (v.kind == Value::Kind::String && (t.kind == TypeRef::Kind::Str || t.kind == TypeRef::Kind::StrZ) && f.attr->size &&
            r.size > 0) {
            std::string enc = f.attr->encoding;
            for (const TypeSpec* ts = f.owner ? f.owner->type : nullptr; enc.empty() && ts; ts = ts->parent) enc = ts->encoding;
            std::string low;
            for (char c : enc) low += char(std::tolower(static_cast<unsigned char>(c)));
            if (low == "ascii" || low == "utf-8" || low == "utf8" || low == "iso-8859-1" || low == "latin1") {
                r.edit = TreeRow::Edit::Text;
                r.encoding = low;
                r.pad = f.attr->padRight >= 0 ? f.attr->padRight : f.attr->terminator >= 0 ? f.attr->terminator : 0;
            }
        }
    }

    void one(const Value& v, const Field& f, const std::string& name, const std::string& type, int parent, int depth,
             const std::string& path, std::uint64_t off, std::uint64_t size) {
        TreeRow r;
        r.parent = parent;
        r.depth = depth;
        r.name = name;
        r.type = type;
        r.path = path;
        if (v.kind == Value::Kind::Struct) {
            StructNode& n = *v.node;
            m_in.ensureRead(n);
            place(r, n.io.get(), n.start, n.end - n.start);
            r.structure = true;
            r.type = n.type->name;
            if (!n.error.empty()) r.value = "(stopped: " + n.error + ")";
            const int row = add(std::move(r));
            if (depth + 1 < m_l.maxDepth) structure(n, row, depth + 1, path);
            return;
        }
        if (!f.attr->value) place(r, f.io.get(), off, size);
        if (r.located && !v.isError() && f.attr->process == Process::None) editable(r, v, f, type);
        if (f.bigBytes) r.value = rowValueText(Value::bytes(m_in.bytesOf(f, 24))) + (f.size > 24 ? " …" : "");
        else r.value = rowValueText(v);
        r.error = v.isError();
        add(std::move(r));
    }

    void field(Field& f, const std::string& name, int parent, int depth, const std::string& parentPath) {
        const std::string path = parentPath.empty() ? name : parentPath + "." + name;
        if (!f.repeated) {
            const std::size_t before = m_rows.size();
            one(f.value, f, name, f.typeText(), parent, depth, path, f.offset, f.size);
            if (!f.error.empty() && before < m_rows.size() && !m_rows[before].error && f.value.kind != Value::Kind::Struct) {
                m_rows[before].value += "  — " + f.error;
                m_rows[before].error = true;
            }
            return;
        }
        TreeRow head;
        head.parent = parent;
        head.depth = depth;
        head.name = name;
        head.type = f.typeText();
        head.path = path;
        head.structure = true;
        // at most one entry more than shown is read: a pending field stays pending
        const std::uint64_t n = m_in.available(f, m_l.maxItems + 1);
        const bool unfinished = f.rep && f.rep->pending;
        head.value = unfinished ? "more than " + std::to_string(n - 1) + " entries (read as far as shown)"
                                : std::to_string(n) + (n == 1 ? " entry" : " entries");
        if (!f.error.empty()) {
            head.value += "  — " + f.error;
            head.error = true;
        }
        if (!f.attr->value) place(head, f.io.get(), f.offset, f.size);
        const int row = add(std::move(head));
        const std::uint64_t shown = std::min(n, m_l.maxItems);
        for (std::uint64_t k = 0; k < shown && !full(); ++k) {
            const Value v = m_in.item(f, k);
            const auto [off, size] = f.itemSpan(k);
            const std::string itemName = "[" + std::to_string(k) + "]";
            one(v, f, itemName, f.typeName ? *f.typeName : std::string("bytes"), row, depth + 1, path + itemName, off, size);
        }
        if (shown < n && !full()) {
            TreeRow more;
            more.parent = row;
            more.depth = depth + 1;
            more.name = "…";
            more.value = (unfinished ? std::string("more") : std::to_string(n - shown) + " more") +
                         " entries (hexmap parse lists them all)";
            add(std::move(more));
        }
    }
};

} // namespace

std::vector<TreeRow> treeRows(Interpreter& in, StructNode& root, const RowLimits& limits) {
    std::vector<TreeRow> rows;
    Walker(in, limits, rows).structure(root, -1, 0, "");
    return rows;
}

bool encodeFieldValue(const TreeRow& row, const std::string& text, std::string& bytes, std::string& err) {
    const std::size_t n = std::size_t(row.size);
    if (row.edit == TreeRow::Edit::None) {
        err = "This field cannot be edited here (computed, processed, or not of a fixed size).";
        return false;
    }
    if (row.edit == TreeRow::Edit::Text) {
        std::string out;
        if (row.encoding == "ascii") {
            for (unsigned char c : text)
                if (c >= 0x80) {
                    err = "ASCII has no such character.";
                    return false;
                }
            out = text;
        } else if (row.encoding == "utf-8" || row.encoding == "utf8") {
            out = text;
        } else {
            // ISO-8859-1: one byte per code point up to U+00FF
            for (std::size_t k = 0; k < text.size();) {
                const auto c = static_cast<unsigned char>(text[k]);
                unsigned cp = c;
                std::size_t len = 1;
                if (c >= 0xC0 && c < 0xE0 && k + 1 < text.size()) {
                    cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[k + 1]) & 0x3Fu);
                    len = 2;
                } else if (c >= 0x80) {
                    cp = 0x100;
                }
                if (cp > 0xFF) {
                    err = "ISO-8859-1 has no such character.";
                    return false;
                }
                out += static_cast<char>(cp);
                k += len;
            }
        }
        if (out.size() > n) {
            err = "The text takes " + std::to_string(out.size()) + " bytes; the field holds " + std::to_string(n) + ".";
            return false;
        }
        out.resize(n, static_cast<char>(row.pad));
        bytes = std::move(out);
        return true;
    }
    // an integer: an enum's name, or a number
    std::string t = text;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(t.begin());
    const auto paren = t.find(" (");
    if (paren != std::string::npos) t = t.substr(0, paren); // "shared (3)" as shown
    bool neg = false;
    unsigned __int128 mag = 0;
    bool found = false;
    for (const auto& [name, value] : row.enumValues)
        if (name == t) {
            neg = value < 0;
            mag = neg ? static_cast<unsigned __int128>(-(value + 1)) + 1 : static_cast<unsigned __int128>(value);
            found = true;
        }
    if (!found) {
        std::size_t k = 0;
        if (k < t.size() && (t[k] == '-' || t[k] == '+')) neg = t[k++] == '-';
        int base = 10;
        if (t.compare(k, 2, "0x") == 0 || t.compare(k, 2, "0X") == 0) {
            base = 16;
            k += 2;
        }
        if (k >= t.size()) {
            err = "\"" + text + "\" is not a number" + (row.enumValues.empty() ? "." : " or a name of the enum.");
            return false;
        }
        for (; k < t.size(); ++k) {
            const char c = t[k];
            int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : std::isxdigit(static_cast<unsigned char>(c)) && base == 16 ? std::tolower(c) - 'a' + 10
                                                                                  : -1;
            if (c == '_') continue;
            if (d < 0) {
                err = "\"" + text + "\" is not a number" + (row.enumValues.empty() ? "." : " or a name of the enum.");
                return false;
            }
            mag = mag * unsigned(base) + unsigned(d);
            if (mag > (static_cast<unsigned __int128>(1) << 64)) {
                err = "The number does not fit in " + std::to_string(n) + (n == 1 ? " byte." : " bytes.");
                return false;
            }
        }
    }
    const unsigned bits = unsigned(8 * n);
    const unsigned __int128 limitU = static_cast<unsigned __int128>(1) << bits;
    std::uint64_t raw;
    if (row.edit == TreeRow::Edit::Unsigned) {
        if (neg && mag != 0) {
            err = "This field holds no negative numbers.";
            return false;
        }
        if (mag >= limitU) {
            err = "The number does not fit in " + std::to_string(n) + (n == 1 ? " byte." : " bytes.");
            return false;
        }
        raw = static_cast<std::uint64_t>(mag);
    } else {
        const unsigned __int128 half = limitU >> 1;
        if ((!neg && mag >= half) || (neg && mag > half)) {
            err = "The number does not fit in " + std::to_string(n) + (n == 1 ? " signed byte." : " signed bytes.");
            return false;
        }
        raw = neg ? static_cast<std::uint64_t>(0 - static_cast<std::uint64_t>(mag)) : static_cast<std::uint64_t>(mag);
    }
    bytes.assign(n, '\0');
    for (std::size_t k = 0; k < n; ++k) bytes[row.little ? k : n - 1 - k] = static_cast<char>(raw >> (8 * k));
    return true;
}

int chooseDescription(const std::vector<std::string>& specs, const std::vector<std::string>& searchPath,
                      const std::string& head, const std::string& fileName) {
    const auto dot = fileName.rfind('.');
    std::string ext = dot == std::string::npos ? std::string() : fileName.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    int byExtension = -1;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        SpecSet set;
        auto loaded = set.load(specs[k], searchPath);
        if (!loaded) continue;
        const SpecFile& f = *loaded.value();
        // magic: the leading `contents` of the top seq, joined while they follow each other
        std::string magic;
        for (const Attr& a : f.root.seq) {
            if (!a.hasContents || a.ifExpr || a.repeat != Repeat::None) break;
            magic += a.contents;
        }
        if (magic.size() >= 2 && head.compare(0, magic.size(), magic) == 0) return int(k);
        if (byExtension < 0 && !ext.empty())
            for (const std::string& e : f.extensions)
                if (e == ext) byExtension = int(k);
    }
    return byExtension;
}

} // namespace hexmap::ksy
