// SPDX-License-Identifier: MIT
#include "line_renderer.h"

namespace hexmap {

std::vector<std::unique_ptr<LineRenderer>> lineRenderers() {
    std::vector<std::unique_ptr<LineRenderer>> r;
    r.push_back(std::make_unique<LineMarks>());
    r.push_back(std::make_unique<LineGutter>());
    r.push_back(std::make_unique<LineText>());
    return r;
}

} // namespace hexmap
