// SPDX-License-Identifier: MIT
// What the save tests compare: a file's bytes on disk, a document's bytes as it reads
// them, and a sys_io injector installed for one scope.
#pragma once

#include "document.h"
#include "sys_io.h"

#include <QFile>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

namespace testutil {

using Bytes = std::vector<std::uint8_t>;

// The whole file, or empty when it cannot be read.
inline Bytes readDisk(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray a = f.readAll();
    return Bytes(a.begin(), a.end());
}

// The document's bytes through its view (flat or pieces); empty when a read falls short.
inline Bytes documentBytes(const hexmap::Document& doc) {
    Bytes out(doc.size());
    if (doc.view().read(0, out.data(), out.size()) != out.size()) out.clear();
    return out;
}

struct InjectorInstalled {
    explicit InjectorInstalled(hexmap::sysio::Injector* i) { hexmap::sysio::setInjector(i); }
    ~InjectorInstalled() { hexmap::sysio::setInjector(nullptr); }
    InjectorInstalled(const InjectorInstalled&) = delete;
    InjectorInstalled& operator=(const InjectorInstalled&) = delete;
};

} // namespace testutil
