// SPDX-License-Identifier: MIT
// Colours come from the palette: under a light and a dark palette every tint the grid and
// the Lines view paint under text keeps a readable contrast with the text (WCAG ratio,
// computed), and both views take a palette change at run time.
#include "bookmark_model.h"
#include "grid_colors.h"
#include "line_rules.h"
#include "lines_view.h"
#include "hex_view.h"
#include "theme.h"
#include "toolbar_icons.h"

#include <QApplication>
#include <QPalette>
#include <QtTest>
#include <cmath>

using namespace hexmap;

namespace {

double luminance(const QColor& c) {
    auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// A translucent colour painted over the base, as the views paint it.
QColor over(const QColor& base, const QColor& tint) {
    const double a = tint.alphaF();
    return QColor::fromRgbF(float(base.redF() * (1 - a) + tint.redF() * a),
                            float(base.greenF() * (1 - a) + tint.greenF() * a),
                            float(base.blueF() * (1 - a) + tint.blueF() * a));
}

} // namespace

class TestPalette : public QObject {
    Q_OBJECT

private slots:
    void tintsKeepTextReadable_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void tintsKeepTextReadable() {
        QFETCH(bool, dark);
        const QPalette pal = dark ? darkPalette() : lightPalette();
        QCOMPARE(GridColors::isDark(pal), dark);
        const GridColors c = GridColors::fromPalette(pal);
        struct Named {
            const char* name;
            QColor background;
        } tints[] = {{"base", c.base},
                     {"cursor row", over(c.base, c.cursorRow)},
                     {"selection", over(c.base, c.selection)},
                     {"modified", over(c.base, c.modified)},
                     {"difference", over(c.base, c.difference)},
                     {"match", over(c.base, c.match)},
                     {"current match", over(c.base, c.currentMatch)},
                     {"bookmark", over(c.base, c.bookmark)}};
        for (const Named& t : tints) {
            const double r = contrast(c.text, t.background);
            QVERIFY2(r >= 4.5, qPrintable(QString("%1: text %2 on %3, contrast %4")
                                              .arg(t.name, c.text.name(), t.background.name())
                                              .arg(r, 0, 'f', 2)));
        }
        // Every colour a new bookmark can take, as it is tinted.
        for (const QColor& preset : BookmarkModel::presetColors()) {
            const double r = contrast(c.text, BookmarkModel::tint(preset, c));
            QVERIFY2(r >= 4.5, qPrintable(QString("bookmark %1: contrast %2").arg(preset.name()).arg(r)));
        }
        // The dim text (offsets, \xNN) stays legible on the base too (large-text level).
        QVERIFY(contrast(c.dimText, c.base) >= 3.0);
        // Every log-level tint of the Lines view.
        LineRules rules;
        rules.setRules(LineRules::defaults());
        for (const LineRule& r : LineRules::defaults()) {
            const std::string line = r.text.toStdString();
            const QColor tint =
                rules.tintFor(reinterpret_cast<const std::uint8_t*>(line.data()), line.size(), c);
            QVERIFY(tint.isValid());
            QVERIFY2(contrast(c.text, over(c.base, tint)) >= 4.5, qPrintable(r.text));
        }
    }

    void viewsFollowAPaletteChange() {
        HexView hex;
        LinesView lines;
        // The change reaches widgets through the event loop.
        QApplication::setPalette(lightPalette());
        QTRY_COMPARE(hex.colors().base, QColor(Qt::white));
        QApplication::setPalette(darkPalette());
        QTRY_COMPARE(hex.colors().base, QColor(0x1e, 0x1e, 0x1e));
        QTRY_COMPARE(lines.colors().base, QColor(0x1e, 0x1e, 0x1e));
        QApplication::setPalette(lightPalette());
        QTRY_COMPARE(lines.colors().base, QColor(Qt::white));
    }

    // The drawn toolbar icons use the palette's text colour when they paint, so a dark
    // palette gets light strokes; and they are drawn at the device pixel ratio asked for.
    void drawnIconsFollowThePaletteAndScale() {
        const QIcon icon = drawnIcon("edit-find");
        QVERIFY(!icon.isNull());
        QVERIFY(drawnIcon("no-such-icon").isNull());
        auto inkLuminance = [&](qreal dpr) {
            const QImage img = icon.pixmap(QSize(24, 24), dpr).toImage();
            double darkest = 1, lightest = 0;
            int inked = 0;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x) {
                    const QColor c = img.pixelColor(x, y);
                    if (c.alpha() < 200) continue;
                    ++inked;
                    darkest = std::min(darkest, luminance(c));
                    lightest = std::max(lightest, luminance(c));
                }
            return std::tuple{inked, darkest, lightest, img.width()};
        };
        QApplication::setPalette(lightPalette());
        const auto [inkedLight, darkLight, lightLight, w1] = inkLuminance(1);
        QVERIFY(inkedLight > 20);
        QVERIFY2(darkLight < 0.1, "strokes are dark on a light palette");
        QApplication::setPalette(darkPalette());
        const auto [inkedDark, darkDark, lightDark, w2] = inkLuminance(2);
        QCOMPARE(w2, 48); // scale 2: twice the pixels, not a blown-up 24 px image
        QVERIFY(inkedDark > 4 * inkedLight * 0.7);
        QVERIFY2(lightDark > 0.6, "strokes are light on a dark palette");
        QApplication::setPalette(lightPalette());
    }
};

QTEST_MAIN(TestPalette)
#include "test_palette.moc"
