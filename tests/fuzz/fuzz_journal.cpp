// SPDX-License-Identifier: MIT
// Fuzz target: the document journal. A byte string becomes a sequence of operations —
// overwrite (typing and pasting), fill, replace all, resize, insert, delete, undo, redo,
// save, revert — on a
// small file opened private or shared; after every step the document must equal a plain
// in-memory model (a list of whole states and a position in it), and after every save the
// file on disk must equal the document.
#include "document.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;

namespace {

// FUZZ_JOURNAL_TRACE=1 prints every operation, to read a failing input by.
const bool kTrace = std::getenv("FUZZ_JOURNAL_TRACE") != nullptr;
#define TRACE(...) (kTrace ? (void)std::fprintf(stderr, __VA_ARGS__) : (void)0)

[[noreturn]] void fail(const char* what, std::size_t step) {
    std::fprintf(stderr, "fuzz_journal: %s at step %zu\n", what, step);
    std::abort();
}

const std::string& scratchPath() {
    static const std::string path = [] {
        char dir[] = "/tmp/hexmap-fuzz-journal-XXXXXX";
        if (!::mkdtemp(dir)) std::abort();
        return std::string(dir) + "/doc.bin";
    }();
    return path;
}

Bytes readFile(const std::string& path) {
    Bytes out;
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return out;
    std::uint8_t buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.insert(out.end(), buf, buf + n);
    ::close(fd);
    return out;
}

// What the journal promises, without its cleverness: every step's whole state.
struct Model {
    std::vector<Bytes> states; // states[0] as opened
    std::size_t pos = 0;
    std::size_t savePos = 0;
    bool typing = false; // the last step was typing that the next may extend
    std::uint64_t typingEnd = 0;

    const Bytes& now() const { return states[pos]; }
    void push(Bytes next) {
        states.resize(pos + 1);
        if (savePos > pos) savePos = SIZE_MAX; // the saved state was in the redo tail
        states.push_back(std::move(next));
        ++pos;
    }
};

struct Reader {
    const std::uint8_t* p;
    std::size_t n;
    std::uint8_t byte() {
        if (!n) return 0;
        --n;
        return *p++;
    }
    std::uint64_t upTo(std::uint64_t limit) { // 0..limit
        const std::uint64_t v = (std::uint64_t(byte()) << 8) | byte();
        return limit ? v % (limit + 1) : 0;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    Reader in{data, size};
    const OpenMode mode = in.byte() & 1 ? OpenMode::Shared : OpenMode::Private;
    const std::size_t initial = in.upTo(3000);
    Bytes start(initial);
    for (std::size_t i = 0; i < initial; ++i) start[i] = static_cast<std::uint8_t>(i * 31 + 7);
    const std::string& path = scratchPath();
    {
        const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0644);
        if (fd < 0 || ::write(fd, start.data(), start.size()) != ssize_t(start.size())) std::abort();
        ::close(fd);
    }
    auto opened = Document::open(path, mode);
    if (!opened) std::abort();
    Document& doc = opened.value();
    Model model;
    model.states.push_back(start);

    for (std::size_t step = 0; in.n > 0 && step < 64; ++step) {
        const std::uint8_t op = in.byte() % 12;
        const Bytes& cur = model.now();
        const std::uint64_t sz = cur.size();
        TRACE("step %zu: op %u, size %llu", step, unsigned(op), static_cast<unsigned long long>(sz));
        bool wasTyping = false;
        switch (op) {
        case 0:   // typing: one or two bytes, maybe continuing the last typing
        case 1: { // paste
            const bool typing = op == 0;
            std::uint64_t at = in.upTo(sz);
            if (typing && model.typing && in.byte() & 1) at = model.typingEnd > 0 && (in.byte() & 1) ? model.typingEnd - 1 : model.typingEnd;
            const std::size_t len = typing ? 1 + in.byte() % 2 : 1 + in.byte() % 40;
            Bytes bytes(len);
            for (auto& b : bytes) b = in.byte();
            TRACE(" %s %zu at %llu", typing ? "type" : "paste", len, static_cast<unsigned long long>(at));
            const Status st = doc.overwrite(at, bytes.data(), len, typing ? Document::EditKind::Typing : Document::EditKind::Paste);
            if (at + len > sz) {
                if (st) fail("an overwrite past the end was accepted", step);
                wasTyping = model.typing; // a refused edit leaves the typing step open
                break;
            }
            if (!st) fail("an overwrite was refused", step);
            Bytes next = cur;
            std::memcpy(next.data() + at, bytes.data(), len);
            const bool extends = typing && model.typing && model.pos + 1 == model.states.size() &&
                                 (at == model.typingEnd || at + 1 == model.typingEnd) &&
                                 at + len >= model.typingEnd;
            if (extends) model.states[model.pos] = std::move(next); // the same undo step
            else model.push(std::move(next));
            if (typing) {
                wasTyping = true;
                model.typingEnd = at + len;
            }
            break;
        }
        case 2: { // fill
            const std::uint64_t at = in.upTo(sz);
            const std::uint64_t len = in.upTo(sz - at);
            Bytes pattern(1 + in.byte() % 5);
            for (auto& b : pattern) b = in.byte();
            TRACE(" fill %llu at %llu", static_cast<unsigned long long>(len), static_cast<unsigned long long>(at));
            if (!doc.fill(at, len, pattern)) fail("a fill was refused", step);
            if (len == 0) break;
            Bytes next = cur;
            for (std::uint64_t i = 0; i < len; ++i) next[at + i] = pattern[i % pattern.size()];
            model.push(std::move(next));
            break;
        }
        case 3: { // replace all: a few sorted, non-overlapping places
            const std::size_t len = 1 + in.byte() % 4;
            std::vector<std::uint64_t> offsets;
            for (std::uint64_t at = in.upTo(40); at + len <= sz && offsets.size() < 8; at += len + in.upTo(300))
                offsets.push_back(at);
            Bytes bytes(len);
            for (auto& b : bytes) b = in.byte();
            TRACE(" replace %zu places of %zu", offsets.size(), len);
            if (!doc.replaceAll(offsets, bytes.data(), len)) fail("a replace all was refused", step);
            if (offsets.empty()) break;
            Bytes next = cur;
            for (std::uint64_t o : offsets) std::memcpy(next.data() + o, bytes.data(), len);
            model.push(std::move(next));
            break;
        }
        case 4: { // resize
            const std::uint64_t to = in.upTo(4000);
            TRACE(" resize to %llu", static_cast<unsigned long long>(to));
            if (!doc.resize(to)) fail("a resize was refused", step);
            if (to == sz) break;
            Bytes next = cur;
            next.resize(to, 0);
            model.push(std::move(next));
            break;
        }
        case 5: { // undo
            const Status st = doc.undo();
            if (model.pos == 0) {
                if (st) fail("undo with nothing to undo", step);
            } else {
                if (!st) fail("undo refused", step);
                --model.pos;
            }
            break;
        }
        case 6: { // redo
            const Status st = doc.redo();
            if (model.pos + 1 == model.states.size()) {
                if (st) fail("redo with nothing to redo", step);
            } else {
                if (!st) fail("redo refused", step);
                ++model.pos;
            }
            break;
        }
        case 7: { // save
            const bool pieces = doc.hasPieces();
            if (!doc.save()) fail("save refused", step);
            model.savePos = model.pos;
            if (pieces) { // rewritten through a copy: the history starts again there
                model.states = {model.now()};
                model.pos = model.savePos = 0;
            }
            if (readFile(path) != model.now()) fail("the file differs from the document after a save", step);
            break;
        }
        case 8: { // revert
            if (model.savePos == SIZE_MAX) {
                doc.breakCoalescing();
                break;
            }
            if (!doc.revert()) fail("revert refused", step);
            model.pos = model.savePos;
            break;
        }
        case 9: doc.breakCoalescing(); break;
        case 10: { // insert (private only): bytes before `at`
            const std::uint64_t at = in.upTo(sz);
            Bytes bytes(1 + in.byte() % 40);
            for (auto& b : bytes) b = in.byte();
            TRACE(" insert %zu at %llu", bytes.size(), static_cast<unsigned long long>(at));
            const Status st = doc.insert(at, bytes.data(), bytes.size());
            if (mode == OpenMode::Shared) {
                if (st) fail("an insert in shared mode was accepted", step);
                wasTyping = model.typing; // a refused edit leaves the typing step open
                break;
            }
            if (!st) fail("an insert was refused", step);
            Bytes next = cur;
            next.insert(next.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin(), bytes.end());
            model.push(std::move(next));
            break;
        }
        case 11: { // delete
            const std::uint64_t at = in.upTo(sz);
            const std::uint64_t len = in.upTo(std::min<std::uint64_t>(sz - at, 600));
            TRACE(" delete %llu at %llu", static_cast<unsigned long long>(len), static_cast<unsigned long long>(at));
            const Status st = doc.erase(at, len);
            if (mode == OpenMode::Shared) {
                if (st) fail("a delete in shared mode was accepted", step);
                wasTyping = model.typing;
                break;
            }
            if (!st) fail("a delete was refused", step);
            if (len == 0 || at >= sz) break;
            Bytes next = cur;
            next.erase(next.begin() + static_cast<std::ptrdiff_t>(at), next.begin() + static_cast<std::ptrdiff_t>(at + len));
            model.push(std::move(next));
            break;
        }
        }
        model.typing = wasTyping;
        TRACE(" -> pos %zu of %zu, pieces %d\n", model.pos, model.states.size(), doc.hasPieces() ? 1 : 0);
        if (doc.size() != model.now().size()) fail("the size differs from the model", step);
        Bytes shown(doc.size());
        if (doc.view().read(0, shown.data(), shown.size()) != shown.size() || shown != model.now())
            fail("the bytes differ from the model", step);
        if (doc.isModified() != (model.pos != model.savePos)) fail("the modified flag is wrong", step);
        if (doc.canUndo() != (model.pos > 0)) fail("can undo is wrong", step);
        if (doc.canRedo() != (model.pos + 1 < model.states.size())) fail("can redo is wrong", step);
        if (mode == OpenMode::Shared && readFile(path) != model.now())
            fail("shared: the file differs from the document", step);
    }
    return 0;
}
