// SPDX-License-Identifier: MIT
#include "document_source.h"

#include <algorithm>
#include <cstring>

namespace hexmap {

std::size_t DocumentSource::read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const {
    const std::uint64_t size = m_doc.size();
    if (offset >= size) return 0;
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(len, size - offset));
    std::memcpy(buf, m_doc.view().flatData() + offset, n);
    return n;
}

Extent DocumentSource::dataAt(std::uint64_t from) const {
    const std::uint64_t size = m_doc.size();
    if (from >= size) return {size, size};
    // The file's data, where the file still backs the document.
    const std::uint64_t backed = std::min<std::uint64_t>(m_doc.fileBackedSize(), m_doc.sizeOnDisk());
    Extent file{size, size};
    if (from < backed) {
        file = fileDataAt(m_doc.file().fd(), from, backed);
        if (file.start >= backed) file = {size, size};
    }
    // The edits since the last save (they may lie in holes, or past the file).
    Extent edit{size, size};
    const auto ranges = m_doc.modified().overlapping(from, size);
    if (!ranges.empty()) edit = {ranges.front().first, ranges.front().second};
    // The nearer one; when they touch, the scanner asks again at the end of this one.
    const Extent& first = file.start <= edit.start ? file : edit;
    if (first.start >= size) return {size, size};
    return {std::max(from, first.start), std::min(size, first.end)};
}

} // namespace hexmap
