// SPDX-License-Identifier: MIT
// ModifiedHighlights: bytes changed since the last save, straight from the document's range
// set (only the visible part). Every byte view paints it first.
#pragma once

#include "document_model.h"
#include "highlight.h"

#include <functional>

namespace hexmap {

class ModifiedHighlights final : public HighlightSource {
public:
    // `model` is asked each frame: the view's document may change.
    explicit ModifiedHighlights(std::function<const DocumentModel*()> model) : m_model(std::move(model)) {}
    void collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                 std::vector<Highlight>& out) const override {
        const DocumentModel* model = m_model();
        if (!model) return;
        for (const auto& [s, e] : model->document().modifiedIn(first, end))
            out.push_back({s, e, colors.modified});
    }

private:
    std::function<const DocumentModel*()> m_model;
};

} // namespace hexmap
