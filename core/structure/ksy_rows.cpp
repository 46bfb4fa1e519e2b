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
            if (!f->present) continue;
            const std::string name = f->attr->id.empty() ? "_unnamed" + std::to_string(unnamed++) : f->attr->id;
            field(*f, name, parent, depth, path);
            if (full()) return;
        }
        if (!n.error.empty() && (n.seq.empty() || n.seq.back()->error.empty())) {
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
        if (f.bigBytes) r.value = rowValueText(Value::bytes(m_in.bytesOf(f, 24))) + (f.size > 24 ? " …" : "");
        else r.value = rowValueText(v);
        r.error = v.isError();
        add(std::move(r));
    }

    void field(Field& f, const std::string& name, int parent, int depth, const std::string& parentPath) {
        const std::string path = parentPath.empty() ? name : parentPath + "." + name;
        if (!f.repeated) {
            const std::size_t before = m_rows.size();
            one(f.value, f, name, f.typeText, parent, depth, path, f.offset, f.size);
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
        head.type = f.typeText;
        head.path = path;
        head.structure = true;
        const std::uint64_t n = f.count();
        head.value = std::to_string(n) + (n == 1 ? " entry" : " entries");
        if (!f.error.empty()) {
            head.value += "  — " + f.error;
            head.error = true;
        }
        if (!f.attr->value) place(head, f.io.get(), f.offset, f.size);
        const int row = add(std::move(head));
        const std::uint64_t shown = std::min(n, m_l.maxItems);
        for (std::uint64_t k = 0; k < shown && !full(); ++k) {
            const Value v = m_in.item(f, k);
            std::uint64_t off = 0, size = 0;
            if (f.lazyRun) {
                off = f.offset + k * f.runStride;
                size = f.runStride;
            } else if (k < f.spans.size()) {
                off = f.spans[k].first;
                size = f.spans[k].second;
            }
            const std::string itemName = "[" + std::to_string(k) + "]";
            one(v, f, itemName, f.runType ? f.runType->text : f.typeText, row, depth + 1, path + itemName, off, size);
        }
        if (shown < n && !full()) {
            TreeRow more;
            more.parent = row;
            more.depth = depth + 1;
            more.name = "…";
            more.value = std::to_string(n - shown) + " more entries (hexmap parse lists them all)";
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
