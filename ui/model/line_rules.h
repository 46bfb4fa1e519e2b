// SPDX-License-Identifier: MIT
// LineRules: colour rules of the Lines view. A line holding a rule's text (compared without
// case) is tinted with the rule's colour; the first rule that matches wins. The defaults
// cover the usual log levels; the tints are mixed into the palette's base colour, so they
// read on a dark theme as on a light one. Rules are kept with QSettings ("lines/rules").
#pragma once

#include <QColor>
#include <QString>
#include <cstdint>
#include <vector>

namespace hexmap {

struct GridColors;

struct LineRule {
    QString text;  // literal, ASCII, matched without case
    QColor color;  // the tint (mixed into the base colour when drawn)
    bool operator==(const LineRule&) const = default;
};

class LineRules {
public:
    static std::vector<LineRule> defaults();
    // From QSettings, or the defaults when none were saved.
    static LineRules load();
    void save() const;

    const std::vector<LineRule>& rules() const { return m_rules; }
    void setRules(std::vector<LineRule> rules);
    // The background for a line of bytes (invalid when no rule matches). Looks at no more
    // than the first `limit` bytes, so a giant line costs what a normal one does.
    QColor tintFor(const std::uint8_t* line, std::size_t n, const GridColors& colors,
                   std::size_t limit = 4096) const;

private:
    struct Compiled {
        std::string lower; // the text in lower case
        QColor color;
    };
    std::vector<LineRule> m_rules;
    std::vector<Compiled> m_compiled;
};

} // namespace hexmap
