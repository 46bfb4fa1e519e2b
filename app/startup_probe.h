// SPDX-License-Identifier: MIT
// --bench-startup: the hook the start-up benchmark drives. After the first frame with
// the file is painted it prints the CLOCK_MONOTONIC time, presses Ctrl+End, paints
// again, prints the resident memory, and quits. The harness (tests/bench) compares the
// printed time with the moment it launched the process.
#pragma once

namespace hexmap {
class MainWindow;
void armStartupProbe(MainWindow* window);
} // namespace hexmap
