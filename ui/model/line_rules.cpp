// SPDX-License-Identifier: MIT
#include "line_rules.h"

#include "grid_colors.h"

#include <QSettings>
#include <algorithm>
#include <cctype>

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
        LineRule rule{settings.value("text").toString(), QColor(settings.value("color").toString())};
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
    }
    settings.endArray();
    settings.setValue("lines/rulesSaved", true);
}

void LineRules::setRules(std::vector<LineRule> rules) {
    m_rules = std::move(rules);
    m_compiled.clear();
    for (const LineRule& r : m_rules) {
        std::string lower = r.text.toLatin1().toStdString();
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!lower.empty()) m_compiled.push_back({std::move(lower), r.color});
    }
}

QColor LineRules::tintFor(const std::uint8_t* line, std::size_t n, const GridColors& colors,
                          std::size_t limit) const {
    n = std::min(n, limit);
    for (const Compiled& rule : m_compiled) {
        const std::string& t = rule.lower;
        if (t.size() > n) continue;
        for (std::size_t i = 0; i + t.size() <= n; ++i) {
            if (std::tolower(line[i]) != static_cast<unsigned char>(t[0])) continue;
            std::size_t k = 1;
            while (k < t.size() && std::tolower(line[i + k]) == static_cast<unsigned char>(t[k])) ++k;
            if (k == t.size()) return GridColors::mix(colors.base, rule.color, 0.18);
        }
    }
    return {};
}

} // namespace hexmap
