// SPDX-License-Identifier: MIT
// Reads a file with a loaded .ksy description, lazily: root() reads the top structure's
// seq; a structure with a size of its own, an instance and each entry of a fixed-size
// array are read only when asked for (by the tree, the JSON writer or an expression).
// Whatever a file holds, the work is bounded: structures nest at most `maxDepth`, at most
// `maxValues` values are made, at most `maxBytes` bytes are held (strings, processed
// data); past a limit, or when `cancel` is set, the field says so and reading stops there.
//
// Not thread-safe: one thread reads at a time (a worker, while holding a read lease on the
// document the source reads).
#pragma once

#include "ksy_node.h"
#include "ksy_spec.h"

#include <atomic>
#include <functional>

namespace hexmap::ksy {

struct Limits {
    int maxDepth = 64;
    std::uint64_t maxValues = 20'000'000;
    std::uint64_t maxBytes = std::uint64_t(512) << 20;
    std::uint64_t keepBytes = 4096;              // bytes fields longer than this are read when shown
    std::uint64_t maxTerminatorScan = 16 << 20;  // a terminator is looked for this far
    const std::atomic<bool>* cancel = nullptr;
};

class Interpreter {
public:
    Interpreter(const SpecSet& specs, const ByteSource& source, Limits limits = {});
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    // The top structure, its seq read (maybe up to an error, in its `error`).
    StructNode* root();

    // Reads a structure's seq if it has not been read yet.
    void ensureRead(StructNode& node);
    // The instance `attr` of `node`, computed on first use.
    Field* instance(StructNode& node, const Attr& attr);
    // Entry k of a repeated field (made on demand for a run of fixed-size entries, read
    // on demand for the last field of a structure with its own stream).
    Value item(Field& field, std::uint64_t k);
    // How many entries a repeated field has (reading them all), or has at least, up to
    // `want` (reading no more than that).
    std::uint64_t count(Field& field);
    std::uint64_t available(Field& field, std::uint64_t want);
    // Reads a structure to its end, its last repeated field included (its size is then known).
    void complete(StructNode& node);
    // A bytes field's content, read now if it was too long to keep (at most `limit` bytes).
    std::string bytesOf(const Field& field, std::uint64_t limit);

    // Something in the file did not match the description (contents, valid).
    bool mismatch() const { return m_mismatch; }
    // Something could not be read at all (the file ends, a limit was reached).
    bool hadError() const { return m_error; }

    // An expression in the scope of `node` (its fields, params, instances, _parent, _root,
    // _io): for tests and for the tree's computed columns.
    Value evaluate(const Expr& e, StructNode& node);

    // The absolute position in the file of `pos` in `io`, when io is part of the file.
    static bool fileOffset(const Stream& io, std::uint64_t pos, std::uint64_t& out) {
        if (!io.inFile()) return false;
        out = io.base + pos;
        return true;
    }

private:
    // What names mean where an expression is evaluated: the structure, its reading
    // position (for _io), the entry of a repeat being read (_index, and `_` for
    // repeat-until and valid/expr).
    struct Scope {
        StructNode* self = nullptr;
        const Cursor* cur = nullptr;
        std::int64_t index = -1;
        const Value* last = nullptr;
    };

    std::unique_ptr<StructNode> makeNode(const TypeSpec* type, StructNode* parent,
                                         std::shared_ptr<const Stream> io, std::uint64_t start,
                                         std::vector<Value> params, int depth);
    bool readSeq(StructNode& node, Cursor& cur);
    bool readField(StructNode& node, const Attr& a, Cursor& cur, Field& f);
    bool readEntries(StructNode& node, Field& f, Cursor& cur, std::uint64_t upTo);
    Value readOne(StructNode& node, const Attr& a, const TypeRef& type, Cursor& cur, Field& f,
                  std::int64_t index, const std::string*& typeText);
    Value readUser(StructNode& node, const Attr& a, const TypeRef& type, Cursor& cur, Field& f,
                   std::int64_t index, std::shared_ptr<const Stream> sub);
    bool resolveEndian(StructNode& node);
    const TypeRef* chooseCase(StructNode& node, const TypeRef& type, const Cursor* cur, std::int64_t index,
                              std::string& err);
    Value readBytes(StructNode& node, const Attr& a, const TypeRef& type, Cursor& cur, Field& f,
                    std::int64_t index);
    Value readNumber(StructNode& node, const TypeRef& type, Cursor& cur);
    Value readBits(StructNode& node, const TypeRef& type, Cursor& cur);
    Value arrayItem(const Value& array, std::int64_t k);
    std::int64_t arraySize(const Value& array);
    bool tryLazyRun(StructNode& node, const Attr& a, Cursor& cur, Field& f);
    bool check(StructNode& node, const Attr& a, Field& f, Value& v, const Cursor* cur, std::int64_t index);
    bool spend(std::uint64_t values, std::uint64_t bytes, std::string& err);
    Value eval(const Expr& e, const Scope& s);
    Value name(const std::string& n, const Scope& s);
    Value attrOf(const Value& obj, const std::string& n, const Scope& s);
    Value fieldValue(StructNode& node, const std::string& id, bool selfReading);

    const SpecSet& m_specs;
    const ByteSource& m_source;
    Limits m_limits;
    std::unique_ptr<StructNode> m_root;
    std::uint64_t m_values = 0, m_bytes = 0;
    bool m_mismatch = false;
    bool m_error = false;
};

// `bytes` in `encoding` as UTF-8 (ASCII, UTF-8, ISO-8859-1/Latin-1, Windows-1252 is read as
// Latin-1 outside 0x80-0x9F, UTF-16LE/BE, UTF-32LE/BE); false with a sentence in `out`
// for an encoding it does not know.
bool decodeText(const std::string& bytes, const std::string& encoding, std::string& out);

} // namespace hexmap::ksy
