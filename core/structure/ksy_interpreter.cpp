// SPDX-License-Identifier: MIT
// Reading: a structure's seq field by field, each a number, bits, bytes, a string or a
// structure, repeated or not; instances on demand. Expressions are in ksy_eval.cpp.
#include "ksy_interpreter.h"

#include "ksy_ops.h"
#include "ksy_process.h"

#include <algorithm>
#include <cstring>

namespace hexmap::ksy {

namespace {

std::string hex(std::uint64_t v) {
    char b[24];
    std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
    return b;
}

std::string where(const Stream& io, std::uint64_t pos) {
    std::uint64_t abs = 0;
    if (Interpreter::fileOffset(io, pos, abs)) return "offset " + hex(abs);
    return "offset " + hex(pos) + " of processed data";
}

std::string eofText(const Stream& io, std::uint64_t pos, std::uint64_t need) {
    return "needs " + std::to_string(need) + (need == 1 ? " byte" : " bytes") + " at " + where(io, pos) +
           ", but the stream ends " + std::to_string(io.size - std::min(pos, io.size)) + " bytes after it";
}

std::string attrName(const Attr& a) {
    return a.id.empty() ? std::string("an unnamed field") : "'" + a.id + "'";
}

// The type of a switch with no matching case but a size: plain bytes.
const TypeRef& bytesType() {
    static const TypeRef t = [] {
        TypeRef b;
        b.kind = TypeRef::Kind::Bytes;
        b.text = "bytes";
        return b;
    }();
    return t;
}

} // namespace

std::size_t Stream::read(std::uint64_t pos, std::uint8_t* buf, std::size_t n) const {
    if (pos >= size) return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, size - pos));
    if (owned) {
        std::memcpy(buf, owned->data() + base + pos, n);
        return n;
    }
    return file->read(base + pos, buf, n);
}

std::shared_ptr<const Stream> Stream::sub(std::uint64_t pos, std::uint64_t len) const {
    auto s = std::make_shared<Stream>(*this);
    s->base = base + std::min(pos, size);
    s->size = std::min(len, size - std::min(pos, size));
    return s;
}

Interpreter::Interpreter(const SpecSet& specs, const ByteSource& source, Limits limits)
    : m_specs(specs), m_source(source), m_limits(limits) {}

Interpreter::~Interpreter() = default;

StructNode* Interpreter::root() {
    if (!m_root) {
        auto io = std::make_shared<Stream>();
        io->file = &m_source;
        io->size = m_source.size();
        m_root = makeNode(&m_specs.main()->root, nullptr, io, 0, {}, 0);
        m_root->root = m_root.get();
        m_root->ownStream = true;
        ensureRead(*m_root);
    }
    return m_root.get();
}

std::unique_ptr<StructNode> Interpreter::makeNode(const TypeSpec* type, StructNode* parent,
                                                  std::shared_ptr<const Stream> io, std::uint64_t start,
                                                  std::vector<Value> params, int depth) {
    auto n = std::make_unique<StructNode>();
    n->type = type;
    n->parent = parent;
    n->root = parent ? parent->root : n.get();
    n->io = std::move(io);
    n->start = n->end = start;
    n->params = std::move(params);
    n->depth = depth;
    return n;
}

void Interpreter::ensureRead(StructNode& node) {
    if (node.read || node.reading) return;
    Cursor c;
    c.io = node.io;
    c.pos = node.start;
    readSeq(node, c);
}

bool Interpreter::spend(std::uint64_t values, std::uint64_t bytes, std::string& err) {
    if (m_limits.cancel && m_limits.cancel->load(std::memory_order_relaxed)) {
        err = "cancelled";
        return false;
    }
    m_values += values;
    m_bytes += bytes;
    if (m_values > m_limits.maxValues) {
        err = "stopped: more than " + std::to_string(m_limits.maxValues) + " values were read (the limit)";
        return false;
    }
    if (m_bytes > m_limits.maxBytes) {
        err = "stopped: more than " + std::to_string(m_limits.maxBytes >> 20) + " MiB of values are held (the limit)";
        return false;
    }
    return true;
}

bool Interpreter::resolveEndian(StructNode& node) {
    for (const TypeSpec* t = node.type; t; t = t->parent) {
        if (t->endian == Endian::Little || t->endian == Endian::Big) {
            node.little = t->endian == Endian::Little;
            node.endianKnown = true;
            return true;
        }
        if (t->endian != Endian::Switch) continue;
        if (t != node.type) break; // declared around this type: the reading parent's choice
        Scope s{&node, nullptr, -1, nullptr};
        const Value on = eval(*t->endianOn, s);
        if (on.isError()) {
            node.error = "the endianness cannot be chosen: " + on.s;
            return false;
        }
        const std::pair<ExprPtr, bool>* fallback = nullptr;
        for (const auto& c : t->endianCases) {
            if (!c.first) {
                fallback = &c;
                continue;
            }
            const Value k = eval(*c.first, s);
            if (k.kind == Value::Kind::Int && on.kind == Value::Kind::Int && k.i == on.i) {
                node.little = c.second;
                node.endianKnown = true;
                return true;
            }
            if ((k.kind == Value::Kind::String || k.kind == Value::Kind::Bytes) && k.kind == on.kind && k.s == on.s) {
                node.little = c.second;
                node.endianKnown = true;
                return true;
            }
        }
        if (fallback) {
            node.little = fallback->second;
            node.endianKnown = true;
            return true;
        }
        node.error = "the endianness cannot be chosen: no case of meta/endian matches";
        return false;
    }
    for (StructNode* p = node.parent; p; p = p->parent)
        if (p->endianKnown) {
            node.little = p->little;
            node.endianKnown = true;
            break;
        }
    return true;
}

bool Interpreter::readSeq(StructNode& node, Cursor& cur) {
    node.reading = true;
    if (resolveEndian(node)) {
        node.seq.reserve(node.type->seq.size());
        for (const Attr& a : node.type->seq) {
            // in place: a field being read may be pointed at (repeat-until's `_`, a child's _parent)
            Field& f = node.seq.emplace_back();
            f.attr = &a;
            f.owner = &node;
            f.io = cur.io;
            if (!readField(node, a, cur, f)) {
                node.error = f.error;
                break;
            }
        }
    }
    if (!node.error.empty()) m_error = true;
    node.end = cur.pos;
    node.reading = false;
    node.read = true;
    return node.error.empty();
}

const TypeRef* Interpreter::chooseCase(StructNode& node, const TypeRef& type, const Cursor* cur,
                                       std::int64_t index, std::string& err) {
    Scope s{&node, cur, index, nullptr};
    const Value on = eval(*type.switchOn, s);
    if (on.isError()) {
        err = on.s;
        return nullptr;
    }
    const TypeRef* fallback = nullptr;
    for (const auto& c : type.cases) {
        if (!c.first) {
            fallback = c.second.get();
            continue;
        }
        const Value k = eval(*c.first, s);
        if (k.isError()) {
            err = k.s;
            return nullptr;
        }
        // the same equality as `==` in any expression (enums, strings, numbers)
        const Value same = compareValues(Expr::Op::Eq, on, k);
        if (same.kind == Value::Kind::Bool && same.i) return c.second.get();
    }
    return fallback;
}

bool Interpreter::readField(StructNode& node, const Attr& a, Cursor& cur, Field& f) {
    f.offset = cur.pos;
    f.typeName = &a.type.text;
    if (a.ifExpr) {
        Scope s{&node, &cur, -1, nullptr};
        const Value c = eval(*a.ifExpr, s);
        if (c.isError()) {
            f.error = attrName(a) + ": " + c.s;
            return false;
        }
        if (c.kind != Value::Kind::Bool) {
            f.error = attrName(a) + ": 'if' is not a boolean";
            return false;
        }
        if (!c.i) {
            f.present = false;
            return true;
        }
    }
    if (!a.unsupported.empty()) {
        f.unsupported = true;
        f.error = "not supported: " + a.unsupported;
        f.value = Value::error(f.error);
        // with a size, what follows can still be read
        if (a.size && a.repeat == Repeat::None) {
            Scope s{&node, &cur, -1, nullptr};
            const Value n = eval(*a.size, s);
            if (n.kind == Value::Kind::Int && n.i >= 0 && std::uint64_t(n.i) <= cur.io->size - std::min(cur.pos, cur.io->size)) {
                cur.alignToByte();
                cur.pos += std::uint64_t(n.i);
                f.size = std::uint64_t(n.i);
                return true;
            }
        }
        return false;
    }
    if (a.repeat == Repeat::None) {
        Value v = readOne(node, a, a.type, cur, f, -1, f.typeName);
        f.size = cur.pos - f.offset;
        if (v.isError()) {
            if (f.error.empty()) f.error = attrName(a) + ": " + v.s;
            f.value = std::move(v);
            return false;
        }
        f.value = std::move(v);
        return f.error.empty();
    }

    f.repeated = true;
    if (tryLazyRun(node, a, cur, f)) return f.error.empty();

    std::int64_t count = -1;
    if (a.repeat == Repeat::Expr) {
        Scope s{&node, &cur, -1, nullptr};
        const Value n = eval(*a.repeatExpr, s);
        if (n.kind != Value::Kind::Int || n.i < 0 || n.big) {
            f.error = attrName(a) + ": repeat-expr " +
                      (n.isError() ? n.s : std::string("is not a count (an integer, 0 or more)"));
            return false;
        }
        count = n.i;
    }
    FieldRepeat& rep = f.repeat();
    rep.target = count;
    // The last field of a structure with a stream of its own (the file's top, a sized
    // part): nothing after it waits for its end, so its entries are read as they are asked
    // for (the tree's first screen of a 100,000-entry ZIP reads 2,000 of them).
    if (node.ownStream && &a == &node.type->seq.back()) {
        rep.pending = std::make_unique<Cursor>(cur);
        return true;
    }
    return readEntries(node, f, cur, ~std::uint64_t(0));
}

bool Interpreter::readEntries(StructNode& node, Field& f, Cursor& cur, std::uint64_t upTo) {
    const Attr& a = *f.attr;
    FieldRepeat& rep = *f.rep;
    const std::int64_t count = rep.target;
    const std::string* itemType = nullptr;
    bool done = false;
    for (std::int64_t k = std::int64_t(rep.items.size());; ++k) {
        if (count >= 0 && k >= count) {
            done = true;
            break;
        }
        if (a.repeat == Repeat::Eos && cur.pos >= cur.io->size && cur.bitCount == 0) {
            done = true;
            break;
        }
        if (std::uint64_t(k) >= upTo) break;
        std::string err;
        if (!spend(1, 0, err)) {
            f.error = attrName(a) + ": " + err;
            break;
        }
        const std::uint64_t before = cur.pos;
        Value v = readOne(node, a, a.type, cur, f, k, itemType);
        rep.spans.emplace_back(before, cur.pos - before);
        const bool bad = v.isError();
        if (bad && f.error.empty()) f.error = attrName(a) + "[" + std::to_string(k) + "]: " + v.s;
        rep.items.push_back(std::move(v));
        if (bad || !f.error.empty()) break;
        if (a.repeat == Repeat::Eos && cur.pos == before && cur.bitCount == 0) {
            f.error = attrName(a) + ": an entry reads no bytes, so repeat: eos would never end";
            break;
        }
        if (a.repeat == Repeat::Until) {
            Scope s{&node, &cur, k, &rep.items.back()};
            const Value u = eval(*a.repeatUntil, s);
            if (u.kind != Value::Kind::Bool) {
                f.error = attrName(a) + ": repeat-until " + (u.isError() ? u.s : std::string("is not a boolean"));
                break;
            }
            if (u.i) {
                done = true;
                break;
            }
            if (cur.pos >= cur.io->size && cur.bitCount == 0) {
                f.error = attrName(a) + ": the stream ends before repeat-until is true";
                break;
            }
        }
    }
    if (itemType) f.typeName = itemType;
    f.size = cur.pos - f.offset;
    if (!f.error.empty()) m_error = true;
    if ((done || !f.error.empty()) && rep.pending) {
        // read to its end: the structure ends here, and says so if it stopped early
        node.end = cur.pos;
        rep.pending.reset(); // `cur` may be this cursor: not used past here
        if (!f.error.empty() && node.error.empty()) node.error = f.error;
    }
    return f.error.empty();
}

std::uint64_t Interpreter::available(Field& f, std::uint64_t want) {
    if (!f.rep) return 0;
    FieldRepeat& rep = *f.rep;
    // an entry being read that asks how many there are sees those read so far
    if (rep.pending && !rep.filling && rep.items.size() < want) {
        rep.filling = true;
        readEntries(*f.owner, f, *rep.pending, want);
        rep.filling = false;
    }
    return f.count();
}

std::uint64_t Interpreter::count(Field& f) {
    return available(f, ~std::uint64_t(0));
}

void Interpreter::complete(StructNode& node) {
    ensureRead(node);
    if (!node.seq.empty() && node.seq.back().rep && node.seq.back().rep->pending) count(node.seq.back());
}

namespace {

bool mentions(const Expr& e, const char* name) {
    if (e.op == Expr::Op::Name && e.s == name) return true;
    for (const auto& k : e.kids)
        if (k && mentions(*k, name)) return true;
    return false;
}

} // namespace

bool Interpreter::tryLazyRun(StructNode& node, const Attr& a, Cursor& cur, Field& f) {
    if (a.repeat != Repeat::Expr || a.process != Process::None || a.terminator >= 0 || a.hasContents ||
        a.valid.any() || a.sizeEos)
        return false;
    std::uint64_t stride = 0;
    switch (a.type.kind) {
    case TypeRef::Kind::UInt:
    case TypeRef::Kind::SInt:
    case TypeRef::Kind::Float:
        if (a.size) return false;
        stride = std::uint64_t(a.type.width);
        break;
    case TypeRef::Kind::Bytes:
    case TypeRef::Kind::Str:
    case TypeRef::Kind::User: {
        if (!a.size || mentions(*a.size, "_index") || mentions(*a.size, "_") || mentions(*a.size, "_io")) return false;
        if (a.type.kind == TypeRef::Kind::User)
            for (const auto& arg : a.type.args)
                if (mentions(*arg, "_index") || mentions(*arg, "_io")) return false;
        Scope s{&node, &cur, 0, nullptr};
        const Value n = eval(*a.size, s);
        if (n.kind != Value::Kind::Int || n.i <= 0 || n.big) return false;
        stride = std::uint64_t(n.i);
        break;
    }
    default:
        return false;
    }
    Scope s{&node, &cur, -1, nullptr};
    const Value n = eval(*a.repeatExpr, s);
    if (n.kind != Value::Kind::Int || n.i < 0 || n.big) {
        f.error = attrName(a) + ": repeat-expr " + (n.isError() ? n.s : std::string("is not a count (an integer, 0 or more)"));
        return true;
    }
    cur.alignToByte();
    const std::uint64_t avail = cur.io->size - std::min(cur.pos, cur.io->size);
    const std::uint64_t want = std::uint64_t(n.i);
    FieldRepeat& rep = f.repeat();
    rep.lazyRun = true;
    rep.runStride = stride;
    rep.runType = &a.type;
    rep.runCount = std::min(want, avail / stride);
    f.offset = cur.pos;
    f.typeName = &a.type.text;
    if (rep.runCount < want) {
        f.error = attrName(a) + ": " + std::to_string(want) + " entries of " + std::to_string(stride) + " bytes " +
                  eofText(*cur.io, cur.pos, 0).substr(std::strlen("needs 0 bytes "));
        m_error = true;
    }
    cur.pos += rep.runCount * stride;
    f.size = rep.runCount * stride;
    return true;
}

Value Interpreter::item(Field& f, std::uint64_t k) {
    if (!f.rep) return Value::error("'" + f.attr->id + "' is not an array");
    FieldRepeat& rep = *f.rep;
    if (rep.pending && k >= rep.items.size()) available(f, k + 1);
    if (!rep.lazyRun) return k < rep.items.size() ? rep.items[k] : Value::error("index " + std::to_string(k) + " is past the end");
    if (k >= rep.runCount)
        return Value::error("index " + std::to_string(k) + " is past the end (" + std::to_string(rep.runCount) + " entries)");
    if (auto it = rep.runCache.find(k); it != rep.runCache.end()) return it->second;
    std::string err;
    if (!spend(1, 0, err)) return Value::error(err);
    Cursor c;
    c.io = f.io;
    c.pos = f.offset + k * rep.runStride;
    const std::string* tt = nullptr;
    Value v;
    StructNode& owner = *f.owner;
    if (rep.runType->kind == TypeRef::Kind::User) {
        auto sub = c.io->sub(c.pos, rep.runStride);
        v = readUser(owner, *f.attr, *rep.runType, c, f, std::int64_t(k), sub);
    } else {
        // numbers, bytes and strings: the same reader as a single field, at this entry
        const std::string savedError = f.error;
        v = readOne(owner, *f.attr, *rep.runType, c, f, std::int64_t(k), tt);
        f.error = savedError;
    }
    // a run's entries are small: keep them, so the tree and expressions see one value each
    rep.runCache.emplace(k, v);
    return v;
}

Value Interpreter::readOne(StructNode& node, const Attr& a, const TypeRef& type, Cursor& cur, Field& f,
                           std::int64_t index, const std::string*& typeText) {
    if (m_limits.cancel && m_limits.cancel->load(std::memory_order_relaxed)) return Value::error("cancelled");
    typeText = &type.text;
    switch (type.kind) {
    case TypeRef::Kind::Switch: {
        std::string err;
        const TypeRef* t = chooseCase(node, type, &cur, index, err);
        if (!err.empty()) return Value::error(err);
        if (!t) {
            if (a.size || a.sizeEos) return readOne(node, a, bytesType(), cur, f, index, typeText);
            static const std::string noCase = "no case matches";
            typeText = &noCase;
            return Value();
        }
        return readOne(node, a, *t, cur, f, index, typeText);
    }
    case TypeRef::Kind::UInt:
    case TypeRef::Kind::SInt:
    case TypeRef::Kind::Float: {
        if (a.size || a.sizeEos || a.process != Process::None) {
            // a number inside a sized/processed part: read the part, then the number in it
            Cursor inner;
            Value part = readBytes(node, a, bytesType(), cur, f, index);
            if (part.isError()) return part;
            auto s = std::make_shared<Stream>();
            s->owned = std::make_shared<const std::string>(part.s);
            s->size = part.s.size();
            inner.io = s;
            Value v = readNumber(node, type, inner);
            if (!v.isError()) check(node, a, f, v, &cur, index);
            return v;
        }
        Value v = readNumber(node, type, cur);
        if (!v.isError()) check(node, a, f, v, &cur, index);
        return v;
    }
    case TypeRef::Kind::Bits: {
        Value v = readBits(node, type, cur);
        if (!v.isError()) check(node, a, f, v, &cur, index);
        return v;
    }
    case TypeRef::Kind::Bytes:
    case TypeRef::Kind::Str:
    case TypeRef::Kind::StrZ: {
        Value v = readBytes(node, a, type, cur, f, index);
        if (!v.isError()) check(node, a, f, v, &cur, index);
        return v;
    }
    case TypeRef::Kind::User: {
        cur.alignToByte();
        if (!(a.size || a.sizeEos || a.terminator >= 0 || a.process != Process::None))
            return readUser(node, a, type, cur, f, index, nullptr);
        const std::uint64_t start = cur.pos;
        if (a.process == Process::None && a.terminator < 0) {
            // a window of the same stream: nothing is copied, and the structure waits
            Scope s{&node, &cur, index, nullptr};
            std::uint64_t n = 0;
            const std::uint64_t avail = cur.io->size - std::min(cur.pos, cur.io->size);
            if (a.sizeEos) {
                n = avail;
            } else {
                const Value sz = eval(*a.size, s);
                if (sz.kind != Value::Kind::Int || sz.i < 0 || sz.big)
                    return Value::error("size " + (sz.isError() ? sz.s : std::string("is not a length (an integer, 0 or more)")));
                n = std::uint64_t(sz.i);
                if (n > avail) return Value::error(eofText(*cur.io, cur.pos, n));
            }
            cur.pos += n;
            return readUser(node, a, type, cur, f, index, cur.io->sub(start, n));
        }
        Value part = readBytes(node, a, bytesType(), cur, f, index);
        if (part.isError()) return part;
        auto s = std::make_shared<Stream>();
        if (a.process == Process::None && cur.io->inFile() && !f.bigBytes) {
            // a terminated part of the file: still a window of it
            *s = *cur.io->sub(start, part.s.size());
        } else {
            s->owned = std::make_shared<const std::string>(std::move(part.s));
            s->size = s->owned->size();
        }
        return readUser(node, a, type, cur, f, index, s);
    }
    }
    return Value::error("unknown type");
}

Value Interpreter::readNumber(StructNode& node, const TypeRef& type, Cursor& cur) {
    cur.alignToByte();
    const int w = type.width;
    bool little = node.little;
    if (type.endian == Endian::Little || type.endian == Endian::Big) little = type.endian == Endian::Little;
    else if (w > 1 && !node.endianKnown)
        return Value::error("'" + type.text + "' has no byte order: the description sets no meta/endian (use " +
                            type.text + "le or " + type.text + "be)");
    std::uint8_t b[8];
    if (cur.io->read(cur.pos, b, std::size_t(w)) != std::size_t(w))
        return Value::error(eofText(*cur.io, cur.pos, std::uint64_t(w)));
    cur.pos += std::uint64_t(w);
    std::uint64_t u = 0;
    for (int k = 0; k < w; ++k) u |= std::uint64_t(b[little ? k : w - 1 - k]) << (8 * k);
    if (type.kind == TypeRef::Kind::Float) {
        if (w == 4) {
            std::uint32_t u32 = std::uint32_t(u);
            float x;
            std::memcpy(&x, &u32, 4);
            return Value::real(x);
        }
        double x;
        std::memcpy(&x, &u, 8);
        return Value::real(x);
    }
    if (type.kind == TypeRef::Kind::SInt && w < 8) {
        const std::uint64_t sign = std::uint64_t(1) << (8 * w - 1);
        if (u & sign) u |= ~((sign << 1) - 1);
    }
    return Value::integer(static_cast<std::int64_t>(u), type.kind == TypeRef::Kind::UInt);
}

Value Interpreter::readBits(StructNode& node, const TypeRef& type, Cursor& cur) {
    bool little = false;
    if (type.bitEndian == Endian::Little || type.bitEndian == Endian::Big) {
        little = type.bitEndian == Endian::Little;
    } else {
        for (const TypeSpec* t = node.type; t; t = t->parent)
            if (t->bitEndian != Endian::Inherit) {
                little = t->bitEndian == Endian::Little;
                break;
            }
    }
    if (cur.bitCount > 0 && cur.bitsLittle != little) cur.alignToByte();
    cur.bitsLittle = little;
    const int n = type.width;
    while (cur.bitCount < n) {
        std::uint8_t b;
        if (cur.io->read(cur.pos, &b, 1) != 1) return Value::error(eofText(*cur.io, cur.pos, 1));
        ++cur.pos;
        if (little) cur.bits |= static_cast<unsigned __int128>(b) << cur.bitCount;
        else cur.bits = (cur.bits << 8) | b;
        cur.bitCount += 8;
    }
    const unsigned __int128 mask = (static_cast<unsigned __int128>(1) << n) - 1;
    std::uint64_t v;
    if (little) {
        v = static_cast<std::uint64_t>(cur.bits & mask);
        cur.bits >>= n;
    } else {
        const int shift = cur.bitCount - n;
        v = static_cast<std::uint64_t>((cur.bits >> shift) & mask);
        cur.bits &= (static_cast<unsigned __int128>(1) << shift) - 1;
    }
    cur.bitCount -= n;
    if (n == 1) {
        // b1 reads as a boolean, as the reference implementation has it
        Value x = Value::boolean(v != 0);
        return x;
    }
    return Value::integer(static_cast<std::int64_t>(v), true);
}

Value Interpreter::readBytes(StructNode& node, const Attr& a, const TypeRef& type, Cursor& cur, Field& f,
                             std::int64_t index) {
    cur.alignToByte();
    const Stream& io = *cur.io;
    const std::uint64_t avail = io.size - std::min(cur.pos, io.size);
    std::uint64_t n = 0;       // bytes the field covers
    std::uint64_t consume = 0; // bytes the position moves
    bool haveLength = false;
    if (a.size) {
        Scope s{&node, &cur, index, nullptr};
        const Value sz = eval(*a.size, s);
        if (sz.kind != Value::Kind::Int || sz.i < 0 || sz.big)
            return Value::error("size " + (sz.isError() ? sz.s : std::string("is not a length (an integer, 0 or more)")));
        n = consume = std::uint64_t(sz.i);
        if (n > avail) return Value::error(eofText(io, cur.pos, n));
        haveLength = true;
    } else if (a.sizeEos) {
        n = consume = avail;
        haveLength = true;
    } else if (a.hasContents && a.terminator < 0) {
        n = consume = a.contents.size();
        if (n > avail) return Value::error(eofText(io, cur.pos, n));
        haveLength = true;
    }
    const std::uint64_t start = cur.pos;
    std::string data;
    if (!haveLength) {
        // a terminator, looked for in chunks, at most maxTerminatorScan bytes on
        const std::uint64_t limit = std::min(avail, m_limits.maxTerminatorScan);
        std::uint8_t buf[4096];
        std::uint64_t at = 0;
        bool found = false;
        while (at < limit && !found) {
            const std::size_t want = std::size_t(std::min<std::uint64_t>(sizeof buf, limit - at));
            const std::size_t got = io.read(start + at, buf, want);
            if (got == 0) break;
            const void* hit = std::memchr(buf, a.terminator, got);
            const std::size_t upto = hit ? std::size_t(static_cast<const std::uint8_t*>(hit) - buf) : got;
            data.append(reinterpret_cast<const char*>(buf), upto);
            at += upto;
            if (hit) found = true;
        }
        if (!found) {
            if (avail > m_limits.maxTerminatorScan)
                return Value::error("no terminator byte " + hex(std::uint64_t(a.terminator)) + " within " +
                                    std::to_string(m_limits.maxTerminatorScan >> 20) + " MiB of " + where(io, start));
            if (a.eosError)
                return Value::error("no terminator byte " + hex(std::uint64_t(a.terminator)) + " before the stream ends (from " +
                                    where(io, start) + ")");
            n = consume = data.size();
        } else {
            n = data.size() + (a.include ? 1 : 0);
            consume = data.size() + (a.consume ? 1 : 0);
            if (a.include) data += static_cast<char>(a.terminator);
        }
        std::string err;
        if (!spend(0, data.size(), err)) return Value::error(err);
    } else {
        const bool keep = n <= m_limits.keepBytes || type.kind != TypeRef::Kind::Bytes || a.process != Process::None ||
                          a.hasContents || a.terminator >= 0 || a.padRight >= 0;
        if (!keep && a.repeat == Repeat::None && index < 0) {
            // a large blob: its bytes are read when shown, or when an expression needs them
            f.bigBytes = true;
            cur.pos += consume;
            Value v = Value::bytes({});
            return v;
        }
        std::string err;
        if (!spend(0, n, err)) return Value::error(err);
        data.resize(std::size_t(n));
        if (io.read(start, reinterpret_cast<std::uint8_t*>(data.data()), std::size_t(n)) != n)
            return Value::error("cannot read " + std::to_string(n) + " bytes at " + where(io, start));
        if (a.terminator >= 0) {
            // a terminator inside a sized field ends its value
            const auto t = data.find(static_cast<char>(a.terminator));
            if (t != std::string::npos) data.resize(t + (a.include ? 1 : 0));
        }
    }
    cur.pos += consume;
    if (a.padRight >= 0 && !(a.terminator >= 0 && a.include)) {
        while (!data.empty() && static_cast<std::uint8_t>(data.back()) == a.padRight) data.pop_back();
    }
    if (a.process != Process::None) {
        Scope s{&node, &cur, index, nullptr};
        Value arg;
        if (a.processArg) arg = eval(*a.processArg, s);
        if (arg.isError()) return arg;
        std::string out, err;
        if (!applyProcess(a.process, arg, data, out, m_limits.maxBytes, err)) return Value::error(err);
        if (!spend(0, out.size(), err)) return Value::error(err);
        data = std::move(out);
    }
    if (a.hasContents) {
        if (data != a.contents) {
            auto show = [](const std::string& s) {
                std::string o;
                char b[4];
                for (std::size_t k = 0; k < s.size() && k < 32; ++k) {
                    std::snprintf(b, sizeof b, "%02x", static_cast<unsigned char>(s[k]));
                    o += (k ? " " : "") + std::string(b);
                }
                return o;
            };
            f.mismatch = true;
            m_mismatch = true;
            f.error = attrName(a) + ": expected " + show(a.contents) + " at " + where(io, start) + ", found " + show(data);
            return Value::bytes(std::move(data));
        }
    }
    if (type.kind == TypeRef::Kind::Str || type.kind == TypeRef::Kind::StrZ) {
        std::string enc = a.encoding;
        for (const TypeSpec* t = node.type; enc.empty() && t; t = t->parent) enc = t->encoding;
        if (enc.empty()) return Value::error("the string has no encoding: set 'encoding' or meta/encoding");
        std::string text;
        if (!decodeText(data, enc, text)) return Value::error(text);
        return Value::string(std::move(text));
    }
    (void)n;
    return Value::bytes(std::move(data));
}

Value Interpreter::readUser(StructNode& node, const Attr& a, const TypeRef& type, Cursor& cur, Field& f,
                            std::int64_t index, std::shared_ptr<const Stream> sub) {
    const TypeSpec* t = m_specs.findType(node.type, type.user);
    if (!t) return Value::error("no type named '" + type.user + "'");
    if (node.depth + 1 > m_limits.maxDepth)
        return Value::error("structures nest more than " + std::to_string(m_limits.maxDepth) + " deep");
    if (type.args.size() != t->params.size())
        return Value::error("'" + type.user + "' takes " + std::to_string(t->params.size()) + " parameters, " +
                            std::to_string(type.args.size()) + " given");
    std::vector<Value> params;
    Scope s{&node, &cur, index, nullptr};
    for (const auto& arg : type.args) {
        Value v = eval(*arg, s);
        if (v.isError()) return v;
        params.push_back(std::move(v));
    }
    std::string err;
    if (!spend(1, 0, err)) return Value::error(err);
    std::unique_ptr<StructNode> child;
    if (sub) {
        child = makeNode(t, &node, std::move(sub), 0, std::move(params), node.depth + 1);
        child->ownStream = true; // read when something asks
    } else {
        child = makeNode(t, &node, cur.io, cur.pos, std::move(params), node.depth + 1);
        readSeq(*child, cur);
        if (!child->error.empty() && f.error.empty())
            f.error = attrName(a) + (index >= 0 ? "[" + std::to_string(index) + "]" : std::string()) + "." + child->error;
    }
    Value v;
    v.kind = Value::Kind::Struct;
    v.node = child.get();
    node.kids.push_back(std::move(child));
    return v;
}

bool Interpreter::check(StructNode& node, const Attr& a, Field& f, Value& v, const Cursor* cur, std::int64_t index) {
    if (!a.enumName.empty() && v.kind == Value::Kind::Int) {
        v.enumType = m_specs.findEnum(node.type, a.enumName);
        if (!v.enumType) {
            f.error = attrName(a) + ": no enum named '" + a.enumName + "'";
            return false;
        }
    }
    if (!a.valid.any()) return true;
    Scope s{&node, cur, index, &v};
    auto cmp = [&](Expr::Op op, const Expr& e) {
        const Value rhs = eval(e, s);
        if (rhs.isError()) return rhs;
        return compareValues(op, v, rhs);
    };
    std::string why;
    if (a.valid.eq) {
        const Value r = cmp(Expr::Op::Eq, *a.valid.eq);
        if (r.isError() || !r.i) why = "is not " + exprToString(*a.valid.eq);
    }
    if (why.empty() && a.valid.min) {
        const Value r = cmp(Expr::Op::Ge, *a.valid.min);
        if (r.isError() || !r.i) why = "is less than " + exprToString(*a.valid.min);
    }
    if (why.empty() && a.valid.max) {
        const Value r = cmp(Expr::Op::Le, *a.valid.max);
        if (r.isError() || !r.i) why = "is more than " + exprToString(*a.valid.max);
    }
    if (why.empty() && !a.valid.anyOf.empty()) {
        bool any = false;
        for (const auto& e : a.valid.anyOf) {
            const Value r = cmp(Expr::Op::Eq, *e);
            if (!r.isError() && r.i) any = true;
        }
        if (!any) why = "is none of the values 'any-of' allows";
    }
    if (why.empty() && a.valid.expr) {
        const Value r = eval(*a.valid.expr, s);
        if (r.kind != Value::Kind::Bool || !r.i) why = "fails " + exprToString(*a.valid.expr);
    }
    if (why.empty()) return true;
    f.mismatch = true;
    m_mismatch = true;
    f.error = attrName(a) + ": " + valueText(v) + " " + why;
    return false;
}

Field* Interpreter::instance(StructNode& node, const Attr& a) {
    StructNode::Instances& inst = node.instances();
    if (auto it = inst.done.find(a.id); it != inst.done.end()) return it->second.get();
    static thread_local Field loop;
    if (inst.evaluating.count(a.id)) {
        loop = Field();
        loop.attr = &a;
        loop.error = "'" + a.id + "' depends on itself";
        loop.value = Value::error(loop.error);
        return &loop;
    }
    if (node.depth > m_limits.maxDepth || inst.evaluating.size() > 256) {
        loop = Field();
        loop.attr = &a;
        loop.error = "instances depend on each other more than 256 deep";
        loop.value = Value::error(loop.error);
        return &loop;
    }
    inst.evaluating.insert(a.id);
    auto f = std::make_unique<Field>();
    f->attr = &a;
    f->owner = &node;
    f->io = node.io;
    if (a.value) {
        bool present = true;
        if (a.ifExpr) {
            Scope s{&node, nullptr, -1, nullptr};
            const Value c = eval(*a.ifExpr, s);
            if (c.kind != Value::Kind::Bool) f->error = "'if' " + (c.isError() ? c.s : std::string("is not a boolean"));
            else present = c.i != 0;
        }
        f->present = present;
        if (present && f->error.empty()) {
            Scope s{&node, nullptr, -1, nullptr};
            f->value = eval(*a.value, s);
            if (f->value.isError()) f->error = f->value.s;
            else if (!a.enumName.empty() && f->value.kind == Value::Kind::Int)
                f->value.enumType = m_specs.findEnum(node.type, a.enumName);
        }
        static const std::string valueType = "value";
        f->typeName = &valueType;
    } else {
        Cursor c;
        c.io = node.io;
        Scope s{&node, nullptr, -1, nullptr};
        if (a.io) {
            const Value io = eval(*a.io, s);
            if (io.kind != Value::Kind::Stream) f->error = "'io' " + (io.isError() ? io.s : std::string("is not a stream"));
            else c.io = io.stream;
        }
        if (f->error.empty() && a.pos) {
            const Value p = eval(*a.pos, s);
            if (p.kind != Value::Kind::Int || p.i < 0 || p.big)
                f->error = "'pos' " + (p.isError() ? p.s : std::string("is not a position (an integer, 0 or more)"));
            else c.pos = std::uint64_t(p.i);
        }
        f->io = c.io;
        if (f->error.empty() && c.pos > c.io->size)
            f->error = "'pos' " + hex(c.pos) + " is past the end of the stream (" + std::to_string(c.io->size) + " bytes)";
        if (f->error.empty()) readField(node, a, c, *f);
    }
    if (!f->error.empty()) m_error = true;
    inst.evaluating.erase(a.id);
    Field* raw = f.get();
    inst.done[a.id] = std::move(f);
    return raw;
}

std::string Interpreter::bytesOf(const Field& f, std::uint64_t limit) {
    if (!f.bigBytes) return f.value.s.substr(0, std::size_t(std::min<std::uint64_t>(limit, f.value.s.size())));
    const std::uint64_t n = std::min(f.size, limit);
    std::string out(std::size_t(n), '\0');
    const std::size_t got = f.io->read(f.offset, reinterpret_cast<std::uint8_t*>(out.data()), std::size_t(n));
    out.resize(got);
    return out;
}

} // namespace hexmap::ksy
