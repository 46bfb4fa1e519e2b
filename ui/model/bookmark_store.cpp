// SPDX-License-Identifier: MIT
#include "bookmark_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <cmath>
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

QString storeFolder() {
    // ~/.local/share/hexmap/bookmarks, beside ~/.local/share/hexmap/ksy (Qt's AppDataLocation
    // would be ~/.local/share/hexmap/hexmap, organisation and application both named hexmap).
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/hexmap/bookmarks";
    // Bookmarks kept before the move are moved once, as a whole folder (one rename).
    const QString old = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/bookmarks";
    if (old != folder && !QFileInfo::exists(folder) && QFileInfo(old).isDir()) {
        QDir().mkpath(QFileInfo(folder).path());
        QDir().rename(old, folder);
    }
    return folder;
}

QString storePath(const QString& key) { return storeFolder() + "/" + key + ".json"; }

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
    // A whole number of bytes: a decimal string (what we write, any 64-bit value), or a JSON
    // number that is a whole number a double holds exactly (hand-written files). "" if so,
    // else why not.
    auto wholeNumber = [](const QJsonValue& v, std::uint64_t* out) -> QString {
        if (v.isString()) {
            bool ok = false;
            const QString text = v.toString().trimmed();
            *out = text.toULongLong(&ok, 10);
            if (ok && !text.startsWith('-') && !text.startsWith('+')) return {};
            return QObject::tr("\"%1\" is not a whole number of bytes").arg(v.toString());
        }
        if (!v.isDouble()) return QObject::tr("it is missing");
        const double d = v.toDouble();
        constexpr double kExact = 9007199254740992.0; // 2^53: every whole number below is exact
        if (!std::isfinite(d) || d < 0 || d != std::floor(d))
            return QObject::tr("%1 is not a whole number of bytes").arg(d);
        if (d > kExact)
            return QObject::tr("%1 is too large for a JSON number (write it as a string)").arg(d);
        *out = static_cast<quint64>(d);
        return {};
    };
    for (const QJsonValue& v : doc.object().value("bookmarks").toArray()) {
        ++i;
        const QJsonObject o = v.toObject();
        Bookmark b;
        QString why = wholeNumber(o.value("offset"), &b.offset);
        if (!why.isEmpty()) {
            *error = QObject::tr("bookmark %1: its offset is not valid: %2").arg(i).arg(why);
            return std::nullopt;
        }
        why = wholeNumber(o.value("length"), &b.length);
        if (why.isEmpty() && b.length == 0) why = QObject::tr("it is 0");
        if (!why.isEmpty()) {
            *error = QObject::tr("bookmark %1: its length is not valid: %2").arg(i).arg(why);
            return std::nullopt;
        }
        if (b.length > ~std::uint64_t(0) - b.offset) {
            *error = QObject::tr("bookmark %1: offset %2 plus length %3 runs past the largest "
                                 "offset there is")
                         .arg(i)
                         .arg(b.offset)
                         .arg(b.length);
            return std::nullopt;
        }
        b.name = o.value("name").toString();
        b.color = QColor(o.value("color").toString());
        out.push_back(b);
    }
    return out;
}

} // namespace hexmap::bookmark_store
