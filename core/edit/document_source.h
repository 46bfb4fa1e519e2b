// SPDX-License-Identifier: MIT
// DocumentSource: a document's bytes as a search reads them in private mode, straight from
// its mapping (the unsaved copy-on-write edits live only there), with the holes it really
// has: the file's holes in the part the file still backs, and everything past that (a
// document grown in memory), except where the document was edited since the last save.
// Read it only while holding the document's read lease, and only while the document is
// flat (DocumentReader reads a document of pieces through PieceSource).
#pragma once

#include "byte_source.h"
#include "document.h"

namespace hexmap {

class DocumentSource final : public ByteSource {
public:
    explicit DocumentSource(const Document& doc) : m_doc(doc) {}
    std::uint64_t size() const override { return m_doc.size(); }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override;
    const std::uint8_t* direct() const override { return m_doc.view().flatData(); }
    Extent dataAt(std::uint64_t from) const override;

private:
    const Document& m_doc;
};

} // namespace hexmap
