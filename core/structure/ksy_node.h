// SPDX-License-Identifier: MIT
// What reading a file with a .ksy description makes: streams (the file, a part of it, or
// bytes a `process` produced), structures (StructNode) and their fields (Field). Nodes are
// made lazily by the Interpreter: a structure of known size is read when something asks
// for its fields, an instance when it is asked for, an array of fixed-size entries one
// entry at a time.
#pragma once

#include "byte_source.h"
#include "ksy_spec.h"
#include "ksy_value.h"

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace hexmap::ksy {

// A stream a structure reads from: [base, base + size) of the file, or of `owned` bytes
// (the output of a `process`). Positions are counted from the stream's start.
struct Stream {
    const ByteSource* file = nullptr;
    std::shared_ptr<const std::string> owned;
    std::uint64_t base = 0;
    std::uint64_t size = 0;

    bool inFile() const { return !owned; }
    // Copies up to n bytes at pos; returns how many (fewer at the end or on a read error).
    std::size_t read(std::uint64_t pos, std::uint8_t* buf, std::size_t n) const;
    // A part of this stream as a stream of its own.
    std::shared_ptr<const Stream> sub(std::uint64_t pos, std::uint64_t len) const;
};

// Where a structure's reading stands in its stream, with the bits left from a bit field.
struct Cursor {
    std::shared_ptr<const Stream> io;
    std::uint64_t pos = 0;
    unsigned __int128 bits = 0;
    int bitCount = 0;
    bool bitsLittle = false;
    void alignToByte() {
        bits = 0;
        bitCount = 0;
    }
};

class StructNode;

// The entries of a repeated field: the values read, or a run of `runCount` entries each
// `runStride` bytes, made on demand. Kept apart from Field: most fields are not repeated,
// and a file of a million small fields pays for every byte a Field holds.
struct FieldRepeat {
    std::vector<Value> items;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> spans; // each item's offset and size
    bool lazyRun = false;
    std::uint64_t runCount = 0, runStride = 0;
    const TypeRef* runType = nullptr;
    std::map<std::uint64_t, Value> runCache;
    std::int64_t target = -1;        // repeat-expr's count; -1 for eos and until
    std::unique_ptr<Cursor> pending; // set: more entries are read from here when asked for
    bool filling = false;            // entries are being read from `pending` now
};

struct Field {
    const Attr* attr = nullptr;
    StructNode* owner = nullptr;
    std::shared_ptr<const Stream> io;
    std::uint64_t offset = 0; // in io
    std::uint64_t size = 0;
    const std::string* typeName = nullptr; // the type read (a switch's case), in the spec
    Value value;              // a single value: a number, bytes, a string, a Struct, an Error
    std::string error;        // set: reading stopped here, with this sentence
    bool present = true;      // false: its `if` was false
    bool mismatch = false;    // contents or valid failed: the file does not match the description
    bool unsupported = false; // error says "not supported: ..."
    bool bigBytes = false;    // Bytes longer than what is kept in memory: read when shown
    bool repeated = false;    // `rep` holds the entries
    std::unique_ptr<FieldRepeat> rep;

    FieldRepeat& repeat() {
        if (!rep) rep = std::make_unique<FieldRepeat>();
        return *rep;
    }
    // the entries known so far (Interpreter::count reads a pending field to its end)
    std::uint64_t count() const { return !rep ? 0 : rep->lazyRun ? rep->runCount : rep->items.size(); }
    bool lazyRun() const { return rep && rep->lazyRun; }
    bool isStruct() const { return !repeated && value.kind == Value::Kind::Struct; }
    // Entry k's offset (in io) and size: by arithmetic in a run, as read otherwise
    std::pair<std::uint64_t, std::uint64_t> itemSpan(std::uint64_t k) const {
        if (!rep) return {0, 0};
        if (rep->lazyRun) return {offset + k * rep->runStride, rep->runStride};
        return k < rep->spans.size() ? rep->spans[k] : std::pair<std::uint64_t, std::uint64_t>{0, 0};
    }
    // "u4", "chunk[]", "value": what the tree's type column shows
    std::string typeText() const {
        std::string t = typeName ? *typeName : std::string("bytes");
        return repeated ? t + "[]" : t;
    }
};

class StructNode {
public:
    const TypeSpec* type = nullptr;
    StructNode* parent = nullptr;
    StructNode* root = nullptr;
    std::shared_ptr<const Stream> io;
    std::uint64_t start = 0, end = 0; // in io; end is known once read
    std::vector<Value> params;
    int depth = 0;
    bool little = false, endianKnown = false;
    bool ownStream = false; // the node has a stream of its own: it can wait to be read
    bool reading = false;   // its seq is being read now
    bool read = false;      // its seq has been read (perhaps up to an error)
    std::string error;      // the seq stopped with this
    // in order, only those read; reserved for the whole seq before the first is read, so a
    // Field's address never changes (values and expressions point at fields)
    std::vector<Field> seq;
    // the structures in this node's fields (single, repeated, instances): owned here
    std::vector<std::unique_ptr<StructNode>> kids;
    // instances, made on first use; most structures never have one asked for
    struct Instances {
        std::map<std::string, std::unique_ptr<Field>> done;
        std::set<std::string> evaluating; // being computed: a loop is an error
    };
    std::unique_ptr<Instances> inst;
    Instances& instances() {
        if (!inst) inst = std::make_unique<Instances>();
        return *inst;
    }

    const Field* seqField(const std::string& id) const {
        for (const auto& f : seq)
            if (f.attr->id == id) return &f;
        return nullptr;
    }
};

} // namespace hexmap::ksy
