// SPDX-License-Identifier: MIT
// DocumentChange: the one notification a DocumentModel sends per operation, saying what
// changed, so that views, the status bar and panels listen instead of being called by hand.
#pragma once

#include <QMetaType>
#include <cstdint>

namespace hexmap {

struct DocumentChange {
    enum Flag : unsigned {
        Bytes = 1u << 0,    // bytes in [start, end) changed
        Size = 1u << 1,     // the document's size changed
        Modified = 1u << 2, // isModified() may have changed (edit, save, revert, undo)
        Lock = 1u << 3,     // write protection was turned on or off
        Mapping = 1u << 4,  // the mapping moved or was made afresh: take data() again
        Damaged = 1u << 5,  // bytes were lost under us (the file shrank, or the disk filled)
        Replaced = 1u << 6, // a new file or mode (reopen, reload, save as): everything
        Grew = 1u << 7,     // appended at [start, end): every offset below start is as it was
        Disk = 1u << 8,     // another process wrote into the file in place, range unknown:
                            // repaint what shows bytes (cheap); nothing is recounted
        Shifted = 1u << 9,  // an insert or delete at `start` moved every byte after it by
                            // `delta` (see offset_shift.h): offsets held follow it
    };
    unsigned what = 0;
    std::uint64_t start = 0; // the changed bytes, when Bytes is set
    std::uint64_t end = 0;
    std::int64_t delta = 0;  // with Shifted

    bool has(Flag f) const { return (what & f) != 0; }
    static DocumentChange everything(std::uint64_t size) {
        return {Bytes | Size | Modified | Lock | Mapping | Damaged | Replaced, 0, size};
    }
};

} // namespace hexmap

Q_DECLARE_METATYPE(hexmap::DocumentChange)
