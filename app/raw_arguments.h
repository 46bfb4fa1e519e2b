// SPDX-License-Identifier: MIT
// Command-line paths as bytes. QCommandLineParser hands positional arguments back as
// QStrings decoded from UTF-8, which turns every byte that is not valid UTF-8 into U+FFFD:
// a file whose name is not UTF-8 would then "not exist". These are the original bytes.
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace hexmap {

// For each of `positional` (in order, as the parser decoded them), the argv entry it came
// from, as bytes.
QList<QByteArray> rawPositionalArguments(int argc, char** argv, const QStringList& positional);

} // namespace hexmap
