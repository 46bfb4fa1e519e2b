// SPDX-License-Identifier: MIT
// A ByteSource that keeps the last few 64 KiB blocks of another one: a structure is read as
// many reads of a few bytes close together, which through pread would cost a system call
// each. Not thread-safe (the interpreter reads from one thread); the inner source must
// outlive it. A short read of the inner source is passed on, never hidden.
#pragma once

#include "byte_source.h"

#include <array>
#include <vector>

namespace hexmap {

class BlockCacheSource final : public ByteSource {
public:
    explicit BlockCacheSource(const ByteSource& inner) : m_inner(inner) {}
    std::uint64_t size() const override { return m_inner.size(); }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override;
    const std::uint8_t* direct() const override { return m_inner.direct(); }
    Extent dataAt(std::uint64_t from) const override { return m_inner.dataAt(from); }

    static constexpr std::size_t kBlock = 64 * 1024;

private:
    struct Block {
        std::uint64_t start = ~std::uint64_t(0);
        std::size_t valid = 0;
        std::uint64_t used = 0;
        std::vector<std::uint8_t> bytes;
    };
    const ByteSource& m_inner;
    mutable std::array<Block, 4> m_blocks;
    mutable std::uint64_t m_clock = 0;
};

} // namespace hexmap
