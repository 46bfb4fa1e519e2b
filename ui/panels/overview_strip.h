// SPDX-License-Identifier: MIT
// OverviewStrip: a narrow bar beside the grid that shows where the matches of the last
// find-all lie across the whole file, where the viewport is, and (with the Lines view)
// where lines that match the colour rules lie, in the rules' colours. The file is cut into a
// fixed number of buckets (so memory is constant whatever the file or match count);
// each pixel row lights up when any of its buckets holds a match. A click asks to jump
// to that place in the file.
#pragma once

#include "match_store.h"
#include "searcher.h"

#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <vector>

namespace hexmap {

class BookmarkModel;
class RuleMap;

class OverviewStrip : public QWidget {
    Q_OBJECT
public:
    static constexpr int kBuckets = 4096;

    explicit OverviewStrip(QWidget* parent = nullptr);

    void reset(std::uint64_t fileSize);
    void addMatches(const Match* matches, std::size_t count);
    void addMatches(const MatchChunk& chunk);
    void addMatches(const MatchStore& store);
    // The part of the file on screen, [first, end) in bytes.
    void setViewport(std::uint64_t first, std::uint64_t end);
    std::uint64_t matchesIn(int bucket) const { return m_buckets[static_cast<std::size_t>(bucket)]; }
    std::uint64_t fileSize() const { return m_size; }
    // The file offset a click at y points to.
    std::uint64_t offsetAtY(int y) const;
    // The pixel row that shows offset.
    int yForOffset(std::uint64_t offset) const;

    // Draws where the colour rules' texts lie as a band along the left edge (null: none).
    void setRuleMap(const RuleMap* rules);
    // Draws each bookmark as a tick on the right edge, in its colour.
    void setBookmarks(const BookmarkModel* bookmarks);

    QSize sizeHint() const override { return {14, 100}; }

signals:
    void jumpRequested(std::uint64_t offset);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    void count(std::uint64_t offset); // one match more in its bucket
    int bucketOf(std::uint64_t offset) const;

    std::vector<std::uint32_t> m_buckets;
    std::uint64_t m_size = 0;
    std::uint64_t m_viewFirst = 0, m_viewEnd = 0;
    bool m_any = false;
    QPointer<const RuleMap> m_rules;
    QPointer<const BookmarkModel> m_bookmarks;
};

} // namespace hexmap
