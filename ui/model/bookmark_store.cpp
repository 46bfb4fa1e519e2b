// SPDX-License-Identifier: MIT
#include "bookmark_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <fcntl.h>
#include <sys/stat.h>

namespace hexmap::bookmark_store {

QString fileKey(const QByteArray& rawPath) {
    struct statx sx {};
    if (statx(AT_FDCWD, rawPath.constData(), 0, STATX_INO | STATX_BTIME, &sx) != 0) return {};
    char real[PATH_MAX];
    const QByteArray canonical = realpath(rawPath.constData(), real) ? QByteArray(real) : rawPath;
    QByteArray id = canonical;
    id += '\0' + QByteArray::number(quint64(sx.stx_dev_major)) + ':' + QByteArray::number(quint64(sx.stx_dev_minor));
    id += '\0' + QByteArray::number(quint64(sx.stx_ino));
    if (sx.stx_mask & STATX_BTIME)
        id += '\0' + QByteArray::number(qint64(sx.stx_btime.tv_sec)) + '.' +
              QByteArray::number(quint64(sx.stx_btime.tv_nsec));
    return QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha1).toHex());
}

QString storePath(const QString& key) {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/bookmarks/" + key + ".json";
}

QByteArray toJson(const std::vector<Bookmark>& bookmarks, const QString& filePath) {
    QJsonArray list;
    for (const Bookmark& b : bookmarks) {
        list.append(QJsonObject{{"offset", QString::number(b.offset)},
                                {"length", QString::number(b.length)},
                                {"name", b.name},
                                {"color", b.color.name()}});
    }
    return QJsonDocument(QJsonObject{{"file", filePath}, {"bookmarks", list}}).toJson();
}

std::optional<std::vector<Bookmark>> fromJson(const QByteArray& json, QString* error) {
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = QObject::tr("not JSON: %1 at character %2").arg(parse.errorString()).arg(parse.offset);
        return std::nullopt;
    }
    if (!doc.isObject() || !doc.object().value("bookmarks").isArray()) {
        *error = QObject::tr("no \"bookmarks\" list in it");
        return std::nullopt;
    }
    std::vector<Bookmark> out;
    int i = 0;
    for (const QJsonValue& v : doc.object().value("bookmarks").toArray()) {
        ++i;
        const QJsonObject o = v.toObject();
        bool okOffset = false, okLength = false;
        Bookmark b;
        // Numbers are accepted too (hand-written files), strings are what we write.
        const QJsonValue off = o.value("offset"), len = o.value("length");
        b.offset = off.isString() ? off.toString().toULongLong(&okOffset) : quint64(off.toDouble(-1));
        okOffset = okOffset || (off.isDouble() && off.toDouble() >= 0);
        b.length = len.isString() ? len.toString().toULongLong(&okLength) : quint64(len.toDouble(0));
        okLength = (okLength || len.isDouble()) && b.length > 0;
        b.name = o.value("name").toString();
        b.color = QColor(o.value("color").toString());
        if (!okOffset || !okLength) {
            *error = QObject::tr("bookmark %1 has no valid offset and length").arg(i);
            return std::nullopt;
        }
        out.push_back(b);
    }
    return out;
}

} // namespace hexmap::bookmark_store
