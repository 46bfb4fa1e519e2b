// SPDX-License-Identifier: MIT
#include "preferences.h"

#include <QFontDatabase>
#include <QSettings>

namespace hexmap {

Preferences Preferences::defaults() {
    Preferences p;
    p.font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    return p;
}

Preferences Preferences::load() {
    Preferences p = defaults();
    QSettings s;
    s.beginGroup("preferences");
    // No font saved yet (a fresh config): keep the default without asking QFont, which
    // prints "Invalid description" for an empty string.
    const QString fontText = s.value("font").toString();
    QFont font;
    if (!fontText.isEmpty() && font.fromString(fontText)) p.font = font;
    const int bpr = s.value("bytesPerRow", p.bytesPerRow).toInt();
    if (bpr == 0 || bpr == 8 || bpr == 16 || bpr == 32) p.bytesPerRow = bpr;
    const int mode = s.value("defaultMode", static_cast<int>(p.defaultMode)).toInt();
    if (mode >= static_cast<int>(OpenMode::ReadOnly) && mode <= static_cast<int>(OpenMode::Private))
        p.defaultMode = static_cast<OpenMode>(mode);
    p.upperHex = s.value("upperHex", p.upperHex).toBool();
    p.decimalOffsets = s.value("decimalOffsets", p.decimalOffsets).toBool();
    p.restoreFiles = s.value("restoreFiles", p.restoreFiles).toBool();
    p.saveInPlace = s.value("saveInPlace", p.saveInPlace).toBool();
    const int theme = s.value("theme", 0).toInt();
    if (theme >= 0 && theme <= 2) p.theme = static_cast<Theme>(theme);
    return p;
}

void Preferences::save() const {
    QSettings s;
    s.beginGroup("preferences");
    s.setValue("font", font.toString());
    s.setValue("bytesPerRow", bytesPerRow);
    s.setValue("defaultMode", static_cast<int>(defaultMode));
    s.setValue("upperHex", upperHex);
    s.setValue("decimalOffsets", decimalOffsets);
    s.setValue("restoreFiles", restoreFiles);
    s.setValue("saveInPlace", saveInPlace);
    s.setValue("theme", static_cast<int>(theme));
}

bool Preferences::operator==(const Preferences& o) const {
    return font == o.font && bytesPerRow == o.bytesPerRow && defaultMode == o.defaultMode &&
           upperHex == o.upperHex && decimalOffsets == o.decimalOffsets && restoreFiles == o.restoreFiles &&
           theme == o.theme && saveInPlace == o.saveInPlace;
}

} // namespace hexmap
