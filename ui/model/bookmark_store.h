// SPDX-License-Identifier: MIT
// Bookmark storage: a file's bookmarks are kept in the user's data folder
// (QStandardPaths::AppDataLocation/bookmarks/KEY.json), where KEY identifies the file itself
// and not only its path: the canonical path, the device and inode, and the birth time to the
// nanosecond (statx). A file deleted and created again at the same path, even when it gets
// the same inode back (ext4 hands it out at once), is a different file and starts with no
// bookmarks. The same JSON is what File > Export writes and Import reads.
#pragma once

#include <QByteArray>
#include <QColor>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace hexmap {

struct Bookmark {
    std::uint64_t offset = 0;
    std::uint64_t length = 1;
    QString name;
    QColor color;
    bool operator==(const Bookmark&) const = default;
};

namespace bookmark_store {

// The identity key of the file at rawPath; empty when it cannot be stat'ed.
QString fileKey(const QByteArray& rawPath);
// The folder every file's bookmarks are kept in (the old one moved there first).
QString storeFolder();
// Where the bookmarks of the file with that key are kept.
QString storePath(const QString& key);
// {"file": path, "bookmarks": [{"offset", "length", "name", "color"}...]}; offsets are
// written as decimal strings, because JSON numbers lose precision past 2^53.
QByteArray toJson(const std::vector<Bookmark>& bookmarks, const QString& filePath);
// Parses what toJson writes; nullopt with the reason in *error.
std::optional<std::vector<Bookmark>> fromJson(const QByteArray& json, QString* error);

} // namespace bookmark_store
} // namespace hexmap
