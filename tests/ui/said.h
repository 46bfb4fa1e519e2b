// SPDX-License-Identifier: MIT
// said(): what a UI operation said, for tests to compare and print — the failure's sentence,
// empty on success. (The UI itself never reads a status as text: it asks ok().)
#pragma once

#include "ui_status.h"

inline QString said(const hexmap::UiStatus& status) {
    return status.ok() ? QString() : status.message();
}
