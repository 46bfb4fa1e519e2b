// SPDX-License-Identifier: MIT
// A .ksy description (Kaitai Struct's YAML format) read into types the interpreter walks:
// types with their seq, instances, params, enums and nested types; every expression parsed
// up front, so a broken description fails when it is loaded, with its file and line,
// never half-way through a file. YAML is read with yaml-cpp. Imports are resolved
// relative to the importing file and then to the search path.
//
// What the interpreter cannot do is kept, not refused: an attribute with an unknown key
// or process carries `unsupported`, and the tree shows "not supported: ..." there.
#pragma once

#include "ksy_expr.h"
#include "result.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hexmap::ksy {

enum class Endian : std::uint8_t { Inherit, Little, Big, Switch };

struct TypeRef {
    enum class Kind : std::uint8_t { Bytes, UInt, SInt, Float, Bits, Str, StrZ, User, Switch };
    Kind kind = Kind::Bytes;
    int width = 0;                   // bytes (integers, floats) or bits (Bits)
    Endian endian = Endian::Inherit; // u2le / u2be; Inherit takes the type's
    Endian bitEndian = Endian::Inherit; // b12le / b12be
    std::string user;                // a user type's name, maybe with `::` path
    std::vector<ExprPtr> args;       // user type's parameters
    ExprPtr switchOn;                // Switch
    std::vector<std::pair<ExprPtr, std::unique_ptr<TypeRef>>> cases; // nullptr key: `_`
    std::string text;                // as written, for the tree's type column
};

struct Valid {
    ExprPtr eq, min, max, expr;
    std::vector<ExprPtr> anyOf;
    bool any() const { return eq || min || max || expr || !anyOf.empty(); }
};

enum class Repeat : std::uint8_t { None, Eos, Expr, Until };
enum class Process : std::uint8_t { None, Xor, Rol, Ror, Zlib };

struct Attr {
    std::string id;
    int line = 0; // 1-based, in the .ksy file
    TypeRef type;
    bool hasContents = false;
    std::string contents;
    ExprPtr size;
    bool sizeEos = false;
    int terminator = -1; // -1: none
    bool include = false, consume = true, eosError = true;
    int padRight = -1;
    std::string encoding; // empty: the type's meta/encoding
    std::string enumName;
    Repeat repeat = Repeat::None;
    ExprPtr repeatExpr, repeatUntil;
    ExprPtr ifExpr;
    Process process = Process::None;
    ExprPtr processArg;
    Valid valid;
    ExprPtr pos, io, value; // instances
    bool instance = false;
    std::string unsupported; // non-empty: shown as "not supported: ..." instead of a value
};

struct EnumSpec {
    std::string name;
    std::map<std::int64_t, std::string> names;
    std::map<std::string, std::int64_t> values;
};

struct SpecFile;

struct TypeSpec {
    std::string name;
    const TypeSpec* parent = nullptr; // the type this one is declared in
    const SpecFile* file = nullptr;
    Endian endian = Endian::Inherit;
    ExprPtr endianOn;                             // Switch
    std::vector<std::pair<ExprPtr, bool>> endianCases; // value → little endian
    Endian bitEndian = Endian::Inherit;
    std::string encoding;
    std::vector<std::string> params;
    std::vector<Attr> seq;
    std::vector<Attr> instances;
    std::map<std::string, std::unique_ptr<TypeSpec>> types;
    std::map<std::string, EnumSpec> enums;
    int line = 0;

    const Attr* instance(const std::string& id) const;
    int seqIndex(const std::string& id) const; // -1 when not in seq
};

struct SpecFile {
    std::string path;
    std::string id;
    std::vector<std::string> extensions; // meta/file-extension
    TypeSpec root;
    std::vector<const SpecFile*> imports;
};

// Owns a description and everything it imports.
class SpecSet {
public:
    SpecSet() = default;
    SpecSet(const SpecSet&) = delete;
    SpecSet& operator=(const SpecSet&) = delete;

    // Loads `path` and its imports. The Error names the file and line ("x.ksy:12: ...").
    Result<const SpecFile*> load(const std::string& path, const std::vector<std::string>& searchPath = {});
    // From text (tests, the fuzzer); `name` stands for its path in messages; imports are
    // resolved in the search path only.
    Result<const SpecFile*> loadText(const std::string& text, const std::string& name,
                                     const std::vector<std::string>& searchPath = {});

    const SpecFile* main() const { return m_main; }

    // A user type named `name` (maybe `a::b`) as seen from `from`: nested types of `from`
    // and of each type around it, then the top of each imported file (by meta/id).
    const TypeSpec* findType(const TypeSpec* from, const std::string& name) const;
    const EnumSpec* findEnum(const TypeSpec* from, const std::string& name) const;

private:
    Result<const SpecFile*> loadAny(const std::string& text, const std::string& path,
                                    const std::vector<std::string>& searchPath, int depth);
    std::vector<std::unique_ptr<SpecFile>> m_files;
    std::map<std::string, const SpecFile*> m_byPath;
    const SpecFile* m_main = nullptr;
};

// The primitive a type name stands for ("u4le", "b3", "strz", "f8be"); Kind::User when it
// is none of them.
TypeRef parsePrimitive(const std::string& name);

} // namespace hexmap::ksy
