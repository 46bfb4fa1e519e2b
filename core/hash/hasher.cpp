// SPDX-License-Identifier: MIT
#include "hasher.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace hexmap {

namespace {

struct Spec {
    HashAlgorithm algorithm;
    const char* name;
};
constexpr Spec kSpecs[] = {{HashAlgorithm::Crc32, "crc32"},   {HashAlgorithm::Adler32, "adler32"},
                           {HashAlgorithm::Md5, "md5"},       {HashAlgorithm::Sha1, "sha1"},
                           {HashAlgorithm::Sha256, "sha256"}, {HashAlgorithm::Sha512, "sha512"},
                           {HashAlgorithm::Sha3_256, "sha3-256"}};

const EVP_MD* digestOf(HashAlgorithm a) {
    switch (a) {
    case HashAlgorithm::Md5: return EVP_md5();
    case HashAlgorithm::Sha1: return EVP_sha1();
    case HashAlgorithm::Sha256: return EVP_sha256();
    case HashAlgorithm::Sha512: return EVP_sha512();
    case HashAlgorithm::Sha3_256: return EVP_sha3_256();
    default: return nullptr;
    }
}

// One running hash.
class Running {
public:
    explicit Running(HashAlgorithm a) : m_algorithm(a) {
        if (const EVP_MD* md = digestOf(a)) {
            m_ctx.reset(EVP_MD_CTX_new());
            if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), md, nullptr) != 1) m_ctx.reset();
            m_ok = m_ctx != nullptr;
        } else {
            m_sum = a == HashAlgorithm::Crc32 ? crc32(0, nullptr, 0) : adler32(0, nullptr, 0);
        }
    }
    bool ok() const { return m_ok; }
    void update(const std::uint8_t* p, std::size_t n) {
        if (m_ctx) {
            EVP_DigestUpdate(m_ctx.get(), p, n);
            return;
        }
        // zlib takes uInt lengths: feed it in pieces.
        while (n) {
            const uInt k = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
            m_sum = m_algorithm == HashAlgorithm::Crc32 ? crc32(m_sum, p, k) : adler32(m_sum, p, k);
            p += k;
            n -= k;
        }
    }
    std::string finish() {
        static const char* digits = "0123456789abcdef";
        std::string hex;
        if (m_ctx) {
            unsigned char out[EVP_MAX_MD_SIZE];
            unsigned int len = 0;
            EVP_DigestFinal_ex(m_ctx.get(), out, &len);
            for (unsigned int i = 0; i < len; ++i) {
                hex += digits[out[i] >> 4];
                hex += digits[out[i] & 15];
            }
            return hex;
        }
        for (int shift = 28; shift >= 0; shift -= 4)
            hex += digits[(m_sum >> shift) & 15];
        return hex;
    }
    HashAlgorithm algorithm() const { return m_algorithm; }

private:
    struct Free {
        void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
    };
    HashAlgorithm m_algorithm;
    std::unique_ptr<EVP_MD_CTX, Free> m_ctx;
    uLong m_sum = 0;
    bool m_ok = true;
};

} // namespace

Result<HashAlgorithm> parseHashAlgorithm(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "sha3_256" || lower == "sha3") lower = "sha3-256";
    if (lower == "crc") lower = "crc32";
    for (const Spec& s : kSpecs)
        if (lower == s.name) return s.algorithm;
    return Error{EINVAL, "unknown hash algorithm '" + std::string(name) +
                             "' (crc32, adler32, md5, sha1, sha256, sha512, sha3-256)"};
}

std::string hashName(HashAlgorithm algorithm) {
    for (const Spec& s : kSpecs)
        if (s.algorithm == algorithm) return s.name;
    return "?";
}

const std::vector<HashAlgorithm>& allHashAlgorithms() {
    static const std::vector<HashAlgorithm> all = [] {
        std::vector<HashAlgorithm> v;
        for (const Spec& s : kSpecs) v.push_back(s.algorithm);
        return v;
    }();
    return all;
}

Result<std::vector<HashResult>> hashRange(const ByteSource& source, std::uint64_t start, std::uint64_t length,
                                          const std::vector<HashAlgorithm>& algorithms,
                                          const std::atomic<bool>* cancel,
                                          const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
    const std::uint64_t size = source.size();
    if (start > size) return Error{EINVAL, "The range starts past the end of the data."};
    const std::uint64_t end = start + std::min(length, size - start);
    std::vector<Running> running;
    running.reserve(algorithms.size());
    for (HashAlgorithm a : algorithms) {
        running.emplace_back(a);
        if (!running.back().ok()) return Error{ENOSYS, "OpenSSL cannot compute " + hashName(a) + " here."};
    }
    constexpr std::size_t kBlock = std::size_t(1) << 20;
    static const std::vector<std::uint8_t> zeros(kBlock, 0);
    std::vector<std::uint8_t> buffer(source.direct() ? 0 : kBlock);
    auto feed = [&](const std::uint8_t* p, std::size_t n) {
        for (Running& r : running) r.update(p, n);
    };
    for (std::uint64_t at = start; at < end;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return Error{ECANCELED, "The hash was cancelled."};
        const Extent data = source.dataAt(at);
        if (data.start > at) {
            // A hole: zeros, fed without a read, a block at a time (so a cancel is seen and
            // progress moves through a hole of many GiB too).
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>({kBlock, end - at, data.start - at}));
            feed(zeros.data(), n);
            at += n;
        } else {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>({kBlock, end - at, data.end - at}));
            if (n == 0) return Error{EIO, "The file's data map is inconsistent at offset " + std::to_string(at) + "."};
            if (const std::uint8_t* d = source.direct()) {
                feed(d + at, n);
            } else {
                if (source.read(at, buffer.data(), n) != n)
                    return Error{EIO, "The file could not be read at offset " + std::to_string(at) +
                                          " (it may have been truncated by another program)."};
                feed(buffer.data(), n);
            }
            at += n;
        }
        if (progress) progress(at - start, end - start);
    }
    std::vector<HashResult> out;
    for (Running& r : running) out.push_back({r.algorithm(), r.finish()});
    return out;
}

} // namespace hexmap
