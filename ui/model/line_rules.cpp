// SPDX-License-Identifier: MIT
#include "line_rules.h"

#include "grid_colors.h"

#include <QSettings>
#include <algorithm>

namespace hexmap {

std::vector<LineRule> LineRules::defaults() {
    return {{"ERROR", QColor(220, 40, 40)},
            {"FATAL", QColor(220, 40, 40)},
            {"WARN", QColor(230, 160, 0)},
            {"INFO", QColor(40, 120, 220)},
            {"DEBUG", QColor(128, 128, 128)}};
}

LineRules LineRules::load() {
    LineRules r;
    QSettings settings;
    const int n = settings.beginReadArray("lines/rules");
    std::vector<LineRule> rules;
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        LineRule rule{settings.value("text").toString(), QColor(settings.value("color").toString()),
                      settings.value("regex", false).toBool()};
        if (!rule.text.isEmpty() && rule.color.isValid()) rules.push_back(rule);
    }
    settings.endArray();
    const bool saved = settings.value("lines/rulesSaved", false).toBool();
    r.setRules(saved ? rules : defaults());
    return r;
}

void LineRules::save() const {
    QSettings settings;
    settings.beginWriteArray("lines/rules", static_cast<int>(m_rules.size()));
    for (int i = 0; i < static_cast<int>(m_rules.size()); ++i) {
        settings.setArrayIndex(i);
        settings.setValue("text", m_rules[static_cast<std::size_t>(i)].text);
        settings.setValue("color", m_rules[static_cast<std::size_t>(i)].color.name());
        settings.setValue("regex", m_rules[static_cast<std::size_t>(i)].regex);
    }
    settings.endArray();
    settings.setValue("lines/rulesSaved", true);
}

void LineRules::setRules(std::vector<LineRule> rules) {
    m_rules = std::move(rules);
    m_specs.clear();
    m_colors.clear();
    for (const LineRule& r : m_rules) {
        // Text rules compare ASCII without case (as before regexes); a regex takes UTF-8.
        std::string text = r.regex ? r.text.toStdString() : r.text.toLatin1().toStdString();
        if (text.empty() || (r.regex && !RuleScanner::check(text).empty())) continue;
        m_specs.push_back({std::move(text), r.regex});
        m_colors.push_back(r.color);
    }
    auto made = RuleScanner::make(m_specs);
    m_scanner = made ? std::make_shared<const RuleScanner>(std::move(made).value()) : nullptr;
}

QString LineRules::checkRegex(const QString& text) {
    return QString::fromStdString(RuleScanner::check(text.toStdString()));
}

QColor LineRules::tintFor(const std::uint8_t* line, std::size_t n, const GridColors& colors,
                          std::size_t limit) const {
    if (!m_scanner) return {};
    const std::uint8_t r = m_scanner->best(line, std::min(n, limit));
    return r ? GridColors::mix(colors.base, m_colors[r - 1u], 0.18) : QColor();
}

} // namespace hexmap
