// SPDX-License-Identifier: MIT
// What the benchmarks share: frame timing, a log generator, file writing and medians.
#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QElapsedTimer>
#include <QString>
#include <algorithm>
#include <functional>
#include <vector>

namespace bench {

// The median over 5 rounds of the time to repaint `view`'s viewport, per frame.
double msPerFrame(QAbstractScrollArea& view, int frames);

// A log of `bytes` bytes: one line in 7 holds "ERROR", the rest "INFO".
QByteArray logText(std::size_t bytes);

// Writes `bytes` to path; with sparseSize, as the first and last bytes of a sparse file.
bool writeFile(const QString& path, const QByteArray& bytes, long long sparseSize = 0);

double seconds(const std::function<void()>& f);

// This process's resident memory (VmRSS), in KiB; 0 when /proc cannot tell. `field` may name
// another line of /proc/self/status ("RssAnon:": without the file pages a mapping brought in).
long residentKiB(const char* field = "VmRSS:");

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace bench
