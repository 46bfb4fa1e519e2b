// SPDX-License-Identifier: MIT
#include "ksy_spec.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hexmap::ksy {

namespace fs = std::filesystem;

namespace {

// Thrown inside the loader only; load() turns it into an Error.
struct SpecError {
    int line;
    std::string message;
};

int lineOf(const YAML::Node& n) {
    return n.Mark().line >= 0 ? n.Mark().line + 1 : 0;
}

[[noreturn]] void fail(const YAML::Node& n, const std::string& what) {
    throw SpecError{lineOf(n), what};
}

std::string scalar(const YAML::Node& n, const char* key) {
    if (!n.IsScalar()) fail(n, std::string("'") + key + "' must be a single value");
    return n.Scalar();
}

ExprPtr expr(const YAML::Node& n, const char* key) {
    const std::string text = scalar(n, key);
    auto r = parseExpr(text);
    if (!r) fail(n, std::string("in '") + key + "': " + r.error().message);
    return std::move(r).value();
}

bool boolean(const YAML::Node& n, const char* key) {
    const std::string s = scalar(n, key);
    if (s == "true") return true;
    if (s == "false") return false;
    fail(n, std::string("'") + key + "' must be true or false");
}

std::int64_t integer(const YAML::Node& n, const char* key) {
    auto e = expr(n, key);
    if (e->op != Expr::Op::Int) fail(n, std::string("'") + key + "' must be an integer");
    return e->i;
}

Endian endianWord(const YAML::Node& n, const char* key) {
    const std::string s = scalar(n, key);
    if (s == "le") return Endian::Little;
    if (s == "be") return Endian::Big;
    fail(n, std::string("'") + key + "' must be le or be");
}

bool validId(const std::string& s) {
    if (s.empty() || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

} // namespace

TypeRef parsePrimitive(const std::string& name) {
    TypeRef t;
    t.text = name;
    auto endianSuffix = [&](std::string rest) {
        if (rest.empty()) return true;
        if (rest == "le") t.endian = Endian::Little;
        else if (rest == "be") t.endian = Endian::Big;
        else return false;
        return true;
    };
    if (name == "str") { t.kind = TypeRef::Kind::Str; return t; }
    if (name == "strz") { t.kind = TypeRef::Kind::StrZ; return t; }
    if (name.size() >= 2 && (name[0] == 'u' || name[0] == 's') && std::isdigit(static_cast<unsigned char>(name[1]))) {
        const int w = name[1] - '0';
        if ((w == 1 && name.size() == 2) || ((w == 2 || w == 4 || w == 8) && endianSuffix(name.substr(2)))) {
            t.kind = name[0] == 'u' ? TypeRef::Kind::UInt : TypeRef::Kind::SInt;
            t.width = w;
            return t;
        }
    }
    if (name.size() >= 2 && name[0] == 'f' && (name[1] == '4' || name[1] == '8') && endianSuffix(name.substr(2))) {
        t.kind = TypeRef::Kind::Float;
        t.width = name[1] - '0';
        return t;
    }
    if (name.size() >= 2 && name[0] == 'b' && std::isdigit(static_cast<unsigned char>(name[1]))) {
        std::size_t k = 1;
        int bits = 0;
        while (k < name.size() && std::isdigit(static_cast<unsigned char>(name[k])) && bits < 100)
            bits = bits * 10 + (name[k++] - '0');
        const std::string rest = name.substr(k);
        if (bits >= 1 && bits <= 64 && (rest.empty() || rest == "le" || rest == "be")) {
            t.kind = TypeRef::Kind::Bits;
            t.width = bits;
            t.bitEndian = rest == "le" ? Endian::Little : rest == "be" ? Endian::Big : Endian::Inherit;
            return t;
        }
    }
    t.kind = TypeRef::Kind::User;
    return t;
}

namespace {

// `name(arg, arg)` → name and argument expressions
void userType(const YAML::Node& where, const std::string& text, TypeRef& t) {
    const auto open = text.find('(');
    t.kind = TypeRef::Kind::User;
    t.text = text;
    if (open == std::string::npos) {
        t.user = text;
    } else {
        if (text.back() != ')') fail(where, "the type '" + text + "' has '(' without ')'");
        t.user = text.substr(0, open);
        // the arguments are an array literal's elements
        auto r = parseExpr("[" + text.substr(open + 1, text.size() - open - 2) + "]");
        if (!r) fail(where, "in the arguments of '" + text + "': " + r.error().message);
        t.args = std::move(r.value()->kids);
    }
    for (std::size_t k = 0; k < t.user.size(); ++k) {
        const char c = t.user[k];
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':'))
            fail(where, "'" + t.user + "' is not a type name");
    }
}

std::unique_ptr<TypeRef> typeRef(const YAML::Node& n) {
    auto t = std::make_unique<TypeRef>();
    if (n.IsMap()) {
        if (!n["switch-on"] || !n["cases"]) fail(n, "a type given as a map needs 'switch-on' and 'cases'");
        t->kind = TypeRef::Kind::Switch;
        t->switchOn = expr(n["switch-on"], "switch-on");
        t->text = "switch (" + n["switch-on"].Scalar() + ")";
        if (!n["cases"].IsMap()) fail(n["cases"], "'cases' must be a map");
        for (const auto& kv : n["cases"]) {
            const std::string key = scalar(kv.first, "cases");
            ExprPtr k;
            if (key != "_") k = expr(kv.first, "cases");
            t->cases.emplace_back(std::move(k), typeRef(kv.second));
        }
        return t;
    }
    const std::string s = scalar(n, "type");
    TypeRef p = parsePrimitive(s);
    if (p.kind != TypeRef::Kind::User) {
        *t = std::move(p);
        return t;
    }
    userType(n, s, *t);
    return t;
}

std::string contentsBytes(const YAML::Node& n) {
    std::string out;
    auto one = [&](const YAML::Node& e) {
        if (!e.IsScalar()) fail(e, "'contents' holds strings and byte values");
        const std::string s = e.Scalar();
        auto r = parseExpr(s);
        if (r && r.value()->op == Expr::Op::Int && e.Tag() != "!") {
            if (r.value()->i < 0 || r.value()->i > 255) fail(e, "a byte of 'contents' must be 0-255");
            out += static_cast<char>(r.value()->i);
        } else {
            out += s; // a string, as UTF-8
        }
    };
    if (n.IsSequence())
        for (const auto& e : n) one(e);
    else
        one(n);
    return out;
}

void readValid(const YAML::Node& n, Valid& v) {
    if (n.IsMap()) {
        for (const auto& kv : n) {
            const std::string k = kv.first.Scalar();
            if (k == "eq") v.eq = expr(kv.second, "valid/eq");
            else if (k == "min") v.min = expr(kv.second, "valid/min");
            else if (k == "max") v.max = expr(kv.second, "valid/max");
            else if (k == "expr") v.expr = expr(kv.second, "valid/expr");
            else if (k == "any-of") {
                if (!kv.second.IsSequence()) fail(kv.second, "'any-of' must be a list");
                for (const auto& e : kv.second) v.anyOf.push_back(expr(e, "valid/any-of"));
            } else {
                fail(kv.first, "'valid' has no key '" + k + "'");
            }
        }
    } else {
        v.eq = expr(n, "valid");
    }
}

void readAttr(const YAML::Node& n, Attr& a, bool instance) {
    if (!n.IsMap()) fail(n, "an attribute must be a map of keys");
    a.line = lineOf(n);
    a.instance = instance;
    bool hasType = false;
    for (const auto& kv : n) {
        const std::string k = kv.first.Scalar();
        const YAML::Node& v = kv.second;
        if (k == "id") a.id = scalar(v, "id");
        else if (k == "type") {
            a.type = std::move(*typeRef(v));
            hasType = true;
        } else if (k == "size") a.size = expr(v, "size");
        else if (k == "size-eos") a.sizeEos = boolean(v, "size-eos");
        else if (k == "contents") {
            a.hasContents = true;
            a.contents = contentsBytes(v);
        } else if (k == "terminator") {
            const auto t = integer(v, "terminator");
            if (t < 0 || t > 255) fail(v, "'terminator' must be a byte, 0-255");
            a.terminator = static_cast<int>(t);
        } else if (k == "pad-right") {
            const auto t = integer(v, "pad-right");
            if (t < 0 || t > 255) fail(v, "'pad-right' must be a byte, 0-255");
            a.padRight = static_cast<int>(t);
        } else if (k == "include") a.include = boolean(v, "include");
        else if (k == "consume") a.consume = boolean(v, "consume");
        else if (k == "eos-error") a.eosError = boolean(v, "eos-error");
        else if (k == "encoding") a.encoding = scalar(v, "encoding");
        else if (k == "enum") a.enumName = scalar(v, "enum");
        else if (k == "if") a.ifExpr = expr(v, "if");
        else if (k == "repeat") {
            const std::string r = scalar(v, "repeat");
            if (r == "eos") a.repeat = Repeat::Eos;
            else if (r == "expr") a.repeat = Repeat::Expr;
            else if (r == "until") a.repeat = Repeat::Until;
            else fail(v, "'repeat' must be eos, expr or until");
        } else if (k == "repeat-expr") a.repeatExpr = expr(v, "repeat-expr");
        else if (k == "repeat-until") a.repeatUntil = expr(v, "repeat-until");
        else if (k == "process") {
            const std::string p = scalar(v, "process");
            auto arg = [&](std::size_t at) {
                const auto close = p.rfind(')');
                if (close == std::string::npos || close < at) fail(v, "'" + p + "' has '(' without ')'");
                auto r = parseExpr(p.substr(at, close - at));
                if (!r) fail(v, "in '" + p + "': " + r.error().message);
                a.processArg = std::move(r).value();
            };
            if (p == "zlib") a.process = Process::Zlib;
            else if (p.rfind("xor(", 0) == 0) { a.process = Process::Xor; arg(4); }
            else if (p.rfind("rol(", 0) == 0) { a.process = Process::Rol; arg(4); }
            else if (p.rfind("ror(", 0) == 0) { a.process = Process::Ror; arg(4); }
            else a.unsupported = "process '" + p + "'";
        } else if (k == "valid") readValid(v, a.valid);
        else if (k == "pos" && instance) a.pos = expr(v, "pos");
        else if (k == "io" && instance) a.io = expr(v, "io");
        else if (k == "value" && instance) a.value = expr(v, "value");
        else if (k == "doc" || k == "doc-ref" || (!k.empty() && k[0] == '-')) continue;
        else if (k == "parent" || k == "bit-endian") a.unsupported = "the key '" + k + "'";
        else fail(kv.first, "an attribute has no key '" + k + "'");
    }
    if (!hasType) {
        a.type.kind = TypeRef::Kind::Bytes;
        a.type.text = a.hasContents ? "contents" : "bytes";
    }
    if (a.type.kind == TypeRef::Kind::StrZ && a.terminator < 0) a.terminator = 0;
    if (a.repeat == Repeat::Expr && !a.repeatExpr) fail(n, "'repeat: expr' needs 'repeat-expr'");
    if (a.repeat == Repeat::Until && !a.repeatUntil) fail(n, "'repeat: until' needs 'repeat-until'");
    if (!a.value && !a.hasContents && !a.size && !a.sizeEos && a.terminator < 0 &&
        (a.type.kind == TypeRef::Kind::Bytes || a.type.kind == TypeRef::Kind::Str))
        fail(n, "'" + (a.id.empty() ? std::string("this attribute") : a.id) +
                    "' needs 'size', 'size-eos' or 'terminator' to know where it ends");
}

void readMeta(const YAML::Node& m, TypeSpec& t, SpecFile* file, std::vector<std::string>* imports) {
    if (!m.IsMap()) fail(m, "'meta' must be a map");
    for (const auto& kv : m) {
        const std::string k = kv.first.Scalar();
        const YAML::Node& v = kv.second;
        if (k == "endian") {
            if (v.IsMap()) {
                t.endian = Endian::Switch;
                if (!v["switch-on"] || !v["cases"]) fail(v, "a switched 'endian' needs 'switch-on' and 'cases'");
                t.endianOn = expr(v["switch-on"], "endian/switch-on");
                for (const auto& c : v["cases"]) {
                    ExprPtr key;
                    if (c.first.Scalar() != "_") key = expr(c.first, "endian/cases");
                    t.endianCases.emplace_back(std::move(key), endianWord(c.second, "endian/cases") == Endian::Little);
                }
            } else {
                t.endian = endianWord(v, "endian");
            }
        } else if (k == "bit-endian") t.bitEndian = endianWord(v, "bit-endian");
        else if (k == "encoding") t.encoding = scalar(v, "encoding");
        else if (k == "id" && file) file->id = scalar(v, "id");
        else if (k == "file-extension" && file) {
            if (v.IsSequence())
                for (const auto& e : v) file->extensions.push_back(scalar(e, "file-extension"));
            else
                file->extensions.push_back(scalar(v, "file-extension"));
        } else if (k == "imports" && imports) {
            if (!v.IsSequence()) fail(v, "'imports' must be a list");
            for (const auto& e : v) imports->push_back(scalar(e, "imports"));
        }
        // title, license, xref, ks-version, application, ks-opaque-types...: not needed to read
    }
}

void readType(const YAML::Node& n, TypeSpec& t, SpecFile* file, std::vector<std::string>* imports, int depth) {
    if (depth > 64) fail(n, "types nest more than 64 deep");
    if (!n.IsMap()) fail(n, "a type must be a map of keys");
    t.line = lineOf(n);
    if (n["meta"]) readMeta(n["meta"], t, file, imports);
    for (const auto& kv : n) {
        const std::string k = kv.first.Scalar();
        const YAML::Node& v = kv.second;
        if (k == "meta" || k == "doc" || k == "doc-ref" || (!k.empty() && k[0] == '-')) continue;
        if (k == "seq") {
            if (!v.IsSequence()) fail(v, "'seq' must be a list");
            for (const auto& e : v) {
                Attr a;
                readAttr(e, a, false);
                if (!a.id.empty() && !validId(a.id)) fail(e, "'" + a.id + "' is not a valid id");
                t.seq.push_back(std::move(a));
            }
        } else if (k == "instances") {
            if (!v.IsMap()) fail(v, "'instances' must be a map");
            for (const auto& e : v) {
                Attr a;
                readAttr(e.second, a, true);
                a.id = e.first.Scalar();
                if (!validId(a.id)) fail(e.first, "'" + a.id + "' is not a valid id");
                if (!a.pos && !a.value && !a.io && !a.size && !a.sizeEos && a.type.kind == TypeRef::Kind::Bytes)
                    fail(e.second, "the instance '" + a.id + "' needs 'pos' or 'value'");
                t.instances.push_back(std::move(a));
            }
        } else if (k == "types") {
            if (!v.IsMap()) fail(v, "'types' must be a map");
            for (const auto& e : v) {
                auto sub = std::make_unique<TypeSpec>();
                sub->name = e.first.Scalar();
                if (!validId(sub->name)) fail(e.first, "'" + sub->name + "' is not a valid type name");
                sub->parent = &t;
                sub->file = file;
                readType(e.second, *sub, nullptr, nullptr, depth + 1);
                t.types[sub->name] = std::move(sub);
            }
        } else if (k == "enums") {
            if (!v.IsMap()) fail(v, "'enums' must be a map");
            for (const auto& e : v) {
                EnumSpec en;
                en.name = e.first.Scalar();
                if (!e.second.IsMap()) fail(e.second, "the enum '" + en.name + "' must be a map");
                for (const auto& item : e.second) {
                    const auto val = integer(item.first, "enums");
                    const std::string name = item.second.IsMap() && item.second["id"]
                                                 ? scalar(item.second["id"], "id")
                                                 : scalar(item.second, "enums");
                    en.names[val] = name;
                    en.values[name] = val;
                }
                t.enums[en.name] = std::move(en);
            }
        } else if (k == "params") {
            if (!v.IsSequence()) fail(v, "'params' must be a list");
            for (const auto& p : v) {
                if (!p.IsMap() || !p["id"]) fail(p, "a parameter needs an 'id'");
                t.params.push_back(scalar(p["id"], "id"));
            }
        } else {
            fail(kv.first, "a type has no key '" + k + "'");
        }
    }
}

std::string readWhole(const std::string& path, bool& ok) {
    std::ifstream in(path, std::ios::binary);
    ok = bool(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

const Attr* TypeSpec::instance(const std::string& id) const {
    for (const auto& a : instances)
        if (a.id == id) return &a;
    return nullptr;
}

int TypeSpec::seqIndex(const std::string& id) const {
    for (std::size_t k = 0; k < seq.size(); ++k)
        if (seq[k].id == id) return static_cast<int>(k);
    return -1;
}

Result<const SpecFile*> SpecSet::load(const std::string& path, const std::vector<std::string>& searchPath) {
    bool ok = false;
    const std::string text = readWhole(path, ok);
    if (!ok) return Error{errno, "Cannot read the description " + path + ": " + errnoText(errno) + "."};
    auto r = loadAny(text, path, searchPath, 0);
    if (r) m_main = r.value();
    return r;
}

Result<const SpecFile*> SpecSet::loadText(const std::string& text, const std::string& name,
                                          const std::vector<std::string>& searchPath) {
    auto r = loadAny(text, name, searchPath, 0);
    if (r) m_main = r.value();
    return r;
}

Result<const SpecFile*> SpecSet::loadAny(const std::string& text, const std::string& path,
                                         const std::vector<std::string>& searchPath, int depth) {
    if (depth > 32) return Error{0, path + ": imports nest more than 32 deep."};
    auto file = std::make_unique<SpecFile>();
    file->path = path;
    file->root.file = file.get();
    std::vector<std::string> imports;
    try {
        const YAML::Node doc = YAML::Load(text);
        if (!doc.IsMap()) return Error{0, path + ": a description must be a YAML map (meta, seq, types...)."};
        readType(doc, file->root, file.get(), &imports, 0);
        file->root.name = file->id;
        if (file->id.empty()) return Error{0, path + ": meta/id is missing."};
    } catch (const SpecError& e) {
        return Error{0, path + ":" + std::to_string(e.line) + ": " + e.message + "."};
    } catch (const YAML::Exception& e) {
        return Error{0, path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg + "."};
    }
    SpecFile* raw = file.get();
    m_files.push_back(std::move(file));
    m_byPath[path] = raw;
    for (const std::string& imp : imports) {
        std::vector<std::string> candidates;
        const fs::path base = fs::path(path).parent_path();
        if (!imp.empty() && imp[0] == '/') {
            for (const auto& dir : searchPath) candidates.push_back(dir + imp + ".ksy");
        } else {
            candidates.push_back((base / (imp + ".ksy")).lexically_normal().string());
            for (const auto& dir : searchPath) candidates.push_back(dir + "/" + imp + ".ksy");
        }
        const SpecFile* found = nullptr;
        for (const auto& c : candidates) {
            if (auto it = m_byPath.find(c); it != m_byPath.end()) {
                found = it->second;
                break;
            }
            bool ok = false;
            const std::string t = readWhole(c, ok);
            if (!ok) continue;
            auto r = loadAny(t, c, searchPath, depth + 1);
            if (!r) return r.error();
            found = r.value();
            break;
        }
        if (!found)
            return Error{ENOENT, path + ": the import '" + imp + "' is not found (looked for " +
                                     (candidates.empty() ? std::string("nothing: no search path") : candidates.front()) +
                                     (candidates.size() > 1 ? " and in the search path" : "") + ")."};
        raw->imports.push_back(found);
    }
    return static_cast<const SpecFile*>(raw);
}

const TypeSpec* SpecSet::findType(const TypeSpec* from, const std::string& name) const {
    const auto sep = name.find("::");
    const std::string head = sep == std::string::npos ? name : name.substr(0, sep);
    const TypeSpec* found = nullptr;
    for (const TypeSpec* t = from; t && !found; t = t->parent) {
        if (auto it = t->types.find(head); it != t->types.end()) found = it->second.get();
        else if (!t->parent && t->name == head) found = t; // the file's own top type, by id
    }
    if (!found && from) {
        for (const SpecFile* f : from->file->imports)
            if (f->id == head) found = &f->root;
    }
    if (!found || sep == std::string::npos) return found;
    // a path: each further part is a nested type of the one before
    std::string rest = name.substr(sep + 2);
    while (found && !rest.empty()) {
        const auto s = rest.find("::");
        const std::string part = rest.substr(0, s);
        auto it = found->types.find(part);
        found = it == found->types.end() ? nullptr : it->second.get();
        rest = s == std::string::npos ? "" : rest.substr(s + 2);
    }
    return found;
}

const EnumSpec* SpecSet::findEnum(const TypeSpec* from, const std::string& name) const {
    const auto sep = name.rfind("::");
    if (sep != std::string::npos) {
        const TypeSpec* owner = findType(from, name.substr(0, sep));
        if (!owner) return nullptr;
        auto it = owner->enums.find(name.substr(sep + 2));
        return it == owner->enums.end() ? nullptr : &it->second;
    }
    for (const TypeSpec* t = from; t; t = t->parent)
        if (auto it = t->enums.find(name); it != t->enums.end()) return &it->second;
    return nullptr;
}

} // namespace hexmap::ksy
