// SPDX-License-Identifier: MIT
// Colours come from the palette: under a light and a dark palette every tint the grid and
// the Lines view paint under text keeps a readable contrast with the text (WCAG ratio,
// computed), and both views take a palette change at run time.
#include "grid_colors.h"
#include "line_rules.h"
#include "lines_view.h"
#include "hex_view.h"

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

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xdd, 0xdd, 0xdd));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xdd, 0xdd, 0xdd));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    return p;
}

QPalette lightPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
    return p;
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
                     {"match", over(c.base, c.match)},
                     {"current match", over(c.base, c.currentMatch)},
                     {"bookmark", over(c.base, c.bookmark)}};
        for (const Named& t : tints) {
            const double r = contrast(c.text, t.background);
            QVERIFY2(r >= 4.5, qPrintable(QString("%1: text %2 on %3, contrast %4")
                                              .arg(t.name, c.text.name(), t.background.name())
                                              .arg(r, 0, 'f', 2)));
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
};

QTEST_MAIN(TestPalette)
#include "test_palette.moc"
