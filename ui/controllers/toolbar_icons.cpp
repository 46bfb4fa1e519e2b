// SPDX-License-Identifier: MIT
#include "toolbar_icons.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>
#include <QSet>

namespace hexmap {

namespace {

// Strokes on a 24x24 grid, scaled to the requested rectangle.
class DrawnIconEngine : public QIconEngine {
public:
    explicit DrawnIconEngine(QString name) : m_name(std::move(name)) {}
    QIconEngine* clone() const override { return new DrawnIconEngine(m_name); }
    QString key() const override { return QStringLiteral("hexmap-drawn"); }
    QString iconName() override { return m_name; }

    void paint(QPainter* p, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
        const QPalette pal = QApplication::palette();
        QColor ink = pal.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active,
                               QPalette::WindowText);
        if (mode == QIcon::Selected) ink = pal.color(QPalette::HighlightedText);
        const QColor accent = pal.color(QPalette::Highlight);
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        p->translate(rect.topLeft());
        p->scale(rect.width() / 24.0, rect.height() / 24.0);
        QPen pen(ink, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p->setPen(pen);
        p->setBrush(Qt::NoBrush);
        draw(*p, ink, mode == QIcon::Disabled ? ink : accent);
        p->restore();
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // `size` is in device pixels already (QIcon::pixmap multiplies by the ratio).
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        pm.setDevicePixelRatio(scale);
        QPainter p(&pm);
        paint(&p, QRect(QPoint(0, 0), (QSizeF(size) / scale).toSize()), mode, state);
        return pm;
    }

    static bool knows(const QString& name) { return names().contains(name); }

private:
    static const QSet<QString>& names() {
        static const QSet<QString> n = {"document-open", "document-save", "document-save-as", "edit-undo",
                                        "edit-redo", "edit-find", "edit-find-replace", "object-locked",
                                        "go-bottom", "go-jump", "edit-copy", "edit-paste",
                                        "preferences-system", "application-exit", "help-about", "bookmark-new"};
        return n;
    }

    void arrowHead(QPainter& p, QPointF tip, QPointF a, QPointF b) const {
        p.drawPolyline(QPolygonF{a, tip, b});
    }

    void draw(QPainter& p, const QColor& ink, const QColor& accent) const {
        const QString& n = m_name;
        if (n == "document-open") {
            QPainterPath folder;
            folder.moveTo(3, 19);
            folder.lineTo(3, 6);
            folder.lineTo(9, 6);
            folder.lineTo(11, 8);
            folder.lineTo(19, 8);
            folder.lineTo(19, 11);
            p.drawPath(folder);
            p.drawPolygon(QPolygonF{{3, 19}, {6, 11}, {22, 11}, {19, 19}});
        } else if (n == "document-save" || n == "document-save-as") {
            p.drawRoundedRect(QRectF(4, 4, 16, 16), 2, 2);
            p.drawRect(QRectF(8, 4, 8, 5));
            p.setPen(QPen(accent, 1.8, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(8, 15), QPointF(16, 15));
            if (n == "document-save-as") {
                p.setPen(QPen(ink, 1.8, Qt::SolidLine, Qt::RoundCap));
                p.drawLine(QPointF(15, 21), QPointF(22, 14));
            }
        } else if (n == "edit-undo" || n == "edit-redo") {
            if (n == "edit-redo") {
                p.translate(24, 0);
                p.scale(-1, 1);
            }
            QPainterPath curve;
            curve.moveTo(5, 10);
            curve.lineTo(15, 10);
            curve.cubicTo(22, 10, 22, 20, 15, 20);
            curve.lineTo(10, 20);
            p.drawPath(curve);
            arrowHead(p, {5, 10}, {9, 6}, {9, 14});
        } else if (n == "edit-find" || n == "edit-find-replace") {
            p.drawEllipse(QPointF(10, 10), 6, 6);
            p.setPen(QPen(ink, 2.6, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(14.5, 14.5), QPointF(20, 20));
            if (n == "edit-find-replace") { // "all": marks where matches lie, as on the strip
                p.setPen(QPen(accent, 2.2, Qt::SolidLine, Qt::RoundCap));
                for (double y : {4.0, 9.0, 14.0})
                    p.drawLine(QPointF(21, y), QPointF(23, y));
            }
        } else if (n == "object-locked") {
            p.drawRoundedRect(QRectF(5, 11, 14, 10), 1.5, 1.5);
            QPainterPath shackle;
            shackle.moveTo(8, 11);
            shackle.lineTo(8, 8);
            shackle.arcTo(QRectF(8, 3, 8, 9), 180, -180);
            shackle.lineTo(16, 11);
            p.drawPath(shackle);
            p.setPen(QPen(accent, 2.2, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(12, 15), QPointF(12, 17));
        } else if (n == "go-bottom") {
            p.drawLine(QPointF(12, 3), QPointF(12, 16));
            arrowHead(p, {12, 16}, {7, 11}, {17, 11});
            p.setPen(QPen(accent, 2.2, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(5, 20.5), QPointF(19, 20.5));
        } else if (n == "go-jump") {
            p.drawLine(QPointF(3, 12), QPointF(19, 12));
            arrowHead(p, {20, 12}, {14, 6}, {14, 18});
        } else if (n == "edit-copy") {
            p.drawRoundedRect(QRectF(8, 8, 12, 13), 1.5, 1.5);
            p.drawPolyline(QPolygonF{{5, 16}, {4, 16}, {4, 3}, {16, 3}, {16, 5}});
        } else if (n == "edit-paste") {
            p.drawRoundedRect(QRectF(5, 5, 14, 16), 1.5, 1.5);
            p.setBrush(ink);
            p.drawRoundedRect(QRectF(9, 3, 6, 4), 1, 1);
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(accent, 1.8, Qt::SolidLine, Qt::RoundCap));
            for (double y : {12.0, 16.0})
                p.drawLine(QPointF(9, y), QPointF(15, y));
        } else if (n == "preferences-system") { // three sliders
            for (int i = 0; i < 3; ++i) {
                const double y = 6 + i * 6, knob = i == 1 ? 15 : i == 0 ? 8 : 11;
                p.drawLine(QPointF(4, y), QPointF(20, y));
                p.setBrush(accent);
                p.drawEllipse(QPointF(knob, y), 2.2, 2.2);
                p.setBrush(Qt::NoBrush);
            }
        } else if (n == "application-exit") {
            p.drawPolyline(QPolygonF{{13, 4}, {4, 4}, {4, 20}, {13, 20}});
            p.drawLine(QPointF(9, 12), QPointF(20, 12));
            arrowHead(p, {21, 12}, {17, 8}, {17, 16});
        } else if (n == "bookmark-new") { // a ribbon
            p.setBrush(accent);
            p.drawPolygon(QPolygonF{{6, 3}, {18, 3}, {18, 21}, {12, 16}, {6, 21}});
            p.setBrush(Qt::NoBrush);
        } else if (n == "help-about") {
            p.drawEllipse(QPointF(12, 12), 9, 9);
            p.drawLine(QPointF(12, 11), QPointF(12, 17));
            p.setBrush(ink);
            p.drawEllipse(QPointF(12, 7.5), 0.6, 0.6);
        }
    }

    QString m_name;
};

} // namespace

QIcon drawnIcon(const QString& name) {
    if (!DrawnIconEngine::knows(name)) return {};
    return QIcon(new DrawnIconEngine(name));
}

QIcon toolbarIcon(const QString& name) {
    if (QIcon::hasThemeIcon(name)) return QIcon::fromTheme(name);
    return drawnIcon(name);
}

} // namespace hexmap
