// SPDX-License-Identifier: MIT
#include "app_icon.h"

#include <QLinearGradient>
#include <QPainter>

namespace hexmap {

QImage renderAppIcon(int size) {
    QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 256.0, size / 256.0); // drawn on the SVG's 256-unit grid
    p.setPen(Qt::NoPen);
    QLinearGradient bg(0, 16, 0, 240);
    bg.setColorAt(0, QColor("#2f5d8a"));
    bg.setColorAt(1, QColor("#1c3a59"));
    p.setBrush(bg);
    p.drawRoundedRect(QRectF(16, 16, 224, 224), 36, 36);
    p.setBrush(QColor("#f4f7fb"));
    p.drawRoundedRect(QRectF(40, 44, 152, 168), 10, 10);
    // Rows of bytes (a gap where a byte is highlighted).
    p.setBrush(QColor("#9fb3c8"));
    const int rows[] = {62, 90, 118, 146, 174};
    for (int y : rows)
        for (int x : {54, 90, 126}) {
            if ((y == 90 && x == 90) || (y == 146 && x == 126)) continue;
            p.drawRoundedRect(QRectF(x, y, 28, 14), 3, 3);
        }
    const QColor hit("#f0a020");
    p.setBrush(hit);
    p.drawRoundedRect(QRectF(88, 88, 32, 18), 4, 4);
    p.drawRoundedRect(QRectF(124, 144, 32, 18), 4, 4);
    // The overview strip with its marks.
    p.setBrush(QColor("#10263c"));
    p.drawRoundedRect(QRectF(204, 44, 14, 168), 5, 5);
    p.setBrush(hit);
    p.drawRect(QRectF(204, 90, 14, 8));
    p.drawRect(QRectF(204, 146, 14, 8));
    p.drawRect(QRectF(204, 184, 14, 5));
    return img;
}

QIcon appIcon() {
    QIcon icon;
    for (int s : {16, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(QPixmap::fromImage(renderAppIcon(s)));
    return icon;
}

} // namespace hexmap
