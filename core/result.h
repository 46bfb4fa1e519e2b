// SPDX-License-Identifier: MIT
// Error values for the core API. No exceptions cross the core API and nothing in
// core prints: every failure is returned as an Error that carries errno and a sentence
// a user can act on (it names the file and says what to do).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace hexmap {

struct Error {
    int code = 0;        // errno, or 0 when the failure is not a system call's
    std::string message; // a whole sentence, shown to the user as it is
};

// Either a T or an Error. A small stand-in for std::expected (C++23).
template <class T> class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_v); }
    const T& value() const& { assert(ok()); return std::get<0>(m_v); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    const Error& error() const { assert(!ok()); return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// Success or an Error, for calls that return nothing else.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

// "strerror" as a std::string, thread-safe.
std::string errnoText(int code);

} // namespace hexmap
