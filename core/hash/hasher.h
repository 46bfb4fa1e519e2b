// SPDX-License-Identifier: MIT
// Checksums and hashes of a byte range, with kept libraries rather than hand-written
// algorithms: zlib for CRC-32 and Adler-32, OpenSSL's libcrypto (EVP, which uses the CPU's
// SHA instructions where it has them) for MD5, SHA-1, SHA-256, SHA-512 and SHA3-256.
// Several algorithms run over one read of the data. Holes of a sparse file are fed as
// zeros without being read.
#pragma once

#include "byte_source.h"
#include "result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hexmap {

enum class HashAlgorithm { Crc32, Adler32, Md5, Sha1, Sha256, Sha512, Sha3_256 };

// "crc32", "adler32", "md5", "sha1", "sha256", "sha512", "sha3-256" (any case).
Result<HashAlgorithm> parseHashAlgorithm(std::string_view name);
std::string hashName(HashAlgorithm algorithm);
const std::vector<HashAlgorithm>& allHashAlgorithms();

struct HashResult {
    HashAlgorithm algorithm;
    std::string hex; // lower-case hex digest (CRC-32 and Adler-32 as 8 digits, big-endian)
};

// Hashes [start, start+length) of `source` with every algorithm asked. `progress` (bytes
// done, total) is called between blocks; a set `cancel` stops it with ECANCELED.
Result<std::vector<HashResult>> hashRange(const ByteSource& source, std::uint64_t start,
                                          std::uint64_t length,
                                          const std::vector<HashAlgorithm>& algorithms,
                                          const std::atomic<bool>* cancel = nullptr,
                                          const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

} // namespace hexmap
