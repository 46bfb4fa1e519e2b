// SPDX-License-Identifier: MIT
#include "ksy_process.h"

#include <zlib.h>

namespace hexmap::ksy {

bool applyProcess(Process p, const Value& arg, const std::string& in, std::string& out, std::uint64_t maxOut,
                  std::string& err) {
    switch (p) {
    case Process::None:
        out = in;
        return true;
    case Process::Xor: {
        std::string key;
        if (arg.kind == Value::Kind::Int) key.assign(1, static_cast<char>(arg.i));
        else if (arg.kind == Value::Kind::Bytes) key = arg.s;
        else if (arg.kind == Value::Kind::Array && arg.items) {
            for (const Value& v : *arg.items) {
                if (v.kind != Value::Kind::Int) {
                    err = "xor's key holds something other than bytes";
                    return false;
                }
                key += static_cast<char>(v.i);
            }
        } else {
            err = "xor needs a byte or bytes as its key";
            return false;
        }
        if (key.empty()) {
            err = "xor's key is empty";
            return false;
        }
        out.resize(in.size());
        for (std::size_t k = 0; k < in.size(); ++k) out[k] = static_cast<char>(in[k] ^ key[k % key.size()]);
        return true;
    }
    case Process::Rol:
    case Process::Ror: {
        if (arg.kind != Value::Kind::Int) {
            err = "rol/ror need an integer count";
            return false;
        }
        int n = static_cast<int>(((arg.i % 8) + 8) % 8);
        if (p == Process::Ror) n = (8 - n) % 8;
        out.resize(in.size());
        for (std::size_t k = 0; k < in.size(); ++k) {
            const auto b = static_cast<std::uint8_t>(in[k]);
            out[k] = static_cast<char>(static_cast<std::uint8_t>((b << n) | (b >> ((8 - n) % 8))));
        }
        return true;
    }
    case Process::Zlib: {
        z_stream z{};
        if (inflateInit(&z) != Z_OK) {
            err = "zlib cannot start";
            return false;
        }
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        z.avail_in = static_cast<uInt>(in.size());
        out.clear();
        char buf[65536];
        int rc = Z_OK;
        while (rc != Z_STREAM_END) {
            z.next_out = reinterpret_cast<Bytef*>(buf);
            z.avail_out = sizeof buf;
            rc = inflate(&z, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END) {
                err = std::string("the zlib data is damaged") + (z.msg ? std::string(": ") + z.msg : std::string());
                inflateEnd(&z);
                return false;
            }
            out.append(buf, sizeof buf - z.avail_out);
            if (out.size() > maxOut) {
                err = "the zlib data inflates to more than " + std::to_string(maxOut >> 20) + " MiB (the limit)";
                inflateEnd(&z);
                return false;
            }
            if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
                err = "the zlib data ends before its end mark";
                inflateEnd(&z);
                return false;
            }
        }
        inflateEnd(&z);
        return true;
    }
    }
    return false;
}

} // namespace hexmap::ksy
