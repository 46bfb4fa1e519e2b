// SPDX-License-Identifier: MIT
// LineRules: colour rules of the Lines view. A line holding a rule's text (compared without
// case), or a match of its regex (PCRE2, any case), is tinted with the rule's colour; the
// first rule in the list that matches wins, and the user orders the list. The defaults cover
// the usual log levels; the tints are mixed into the palette's base colour, so they read on
// a dark theme as on a light one. Rules are kept with QSettings ("lines/rules"). Lines and
// the overview's band are matched by the same RuleScanner.
#pragma once

#include "rule_scanner.h"

#include <QColor>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace hexmap {

struct GridColors;

struct LineRule {
    QString text;        // literal (matched without case), or a regex when `regex`
    QColor color;        // the tint (mixed into the base colour when drawn)
    bool regex = false;
    bool operator==(const LineRule&) const = default;
};

class LineRules {
public:
    static std::vector<LineRule> defaults();
    // From QSettings, or the defaults when none were saved.
    static LineRules load();
    void save() const;

    const std::vector<LineRule>& rules() const { return m_rules; }
    // Keeps every rule; a regex rule that does not parse (a hand-edited setting) is not
    // matched. Check one first with checkRegex().
    void setRules(std::vector<LineRule> rules);
    // Why `text` cannot be a regex rule, or "".
    static QString checkRegex(const QString& text);
    // The rules that are matched, in order, for the scanner of the whole file.
    const std::vector<RuleSpec>& specs() const { return m_specs; }
    const std::vector<QColor>& colors() const { return m_colors; }
    // The background for a line of bytes (invalid when no rule matches). Looks at no more
    // than the first `limit` bytes, so a giant line costs what a normal one does.
    QColor tintFor(const std::uint8_t* line, std::size_t n, const GridColors& colors,
                   std::size_t limit = 4096) const;

private:
    std::vector<LineRule> m_rules;
    std::vector<RuleSpec> m_specs; // the rules that parse, in order
    std::vector<QColor> m_colors;  // theirs
    std::shared_ptr<const RuleScanner> m_scanner;
};

} // namespace hexmap
