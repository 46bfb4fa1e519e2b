// SPDX-License-Identifier: MIT
// Test data helpers: every suite makes its own files in a temporary folder.
#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <cstdint>
#include <string>

namespace testutil {

// Writes bytes to dir/name and returns the path.
std::string writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes);

// Writes bytes to a new file with a name not used before in this process; returns the path.
QString newFile(const QTemporaryDir& dir, const QByteArray& bytes);

// Makes a sparse file of `size` bytes (holes cost nothing) and writes `tail` at its end.
std::string sparseFile(const QTemporaryDir& dir, const QString& name, std::uint64_t size,
                       const QByteArray& tail = {});

// QSettings (and QStandardPaths' data folder) of this test process inside `dir`, so that
// no test reads or writes the user's settings, bookmarks or another test's.
void isolateSettings(const QTemporaryDir& dir);

// Deterministic pseudo-random bytes.
QByteArray randomBytes(std::size_t n, std::uint32_t seed);

} // namespace testutil
