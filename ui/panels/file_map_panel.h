// SPDX-License-Identifier: MIT
// FileMapPanel: the File Map dock. The map of the current tab's file (FileMapView, filled by
// a FileMapJob while the dock is shown, again a moment after the document changes), and the
// byte histogram of the selection (or of the byte under the cursor's whole file when nothing
// is selected) with its entropy and byte classes, counted on a HistogramJob.
#pragma once

#include "document_context.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <cstdint>
#include <memory>

class QLabel;

namespace hexmap {

class FileMapJob;
class FileMapView;
class HistogramJob;
class HistogramView;

class FileMapPanel : public QWidget {
    Q_OBJECT
public:
    explicit FileMapPanel(QWidget* parent = nullptr);
    ~FileMapPanel() override;
    void setContext(const DocumentContext& context);
    // Work only while shown (the dock's visibility).
    void setActive(bool active);
    FileMapView* map() const { return m_map; }
    HistogramView* histogram() const { return m_hist; }
    QString summary() const;
    bool busy() const;

private:
    void startMap();
    void startHistogram();
    void stopJobs();

    DocumentContext m_doc;
    FileMapView* m_map;
    HistogramView* m_hist;
    QLabel* m_summary;
    std::unique_ptr<FileMapJob> m_mapJob;
    std::unique_ptr<HistogramJob> m_histJob;
    QTimer m_mapDebounce, m_histDebounce;
    bool m_active = false;
    // The range the histogram shows: a cursor move that keeps it (no selection) counts nothing.
    std::uint64_t m_histStart = UINT64_MAX, m_histLength = 0;
    QMetaObject::Connection m_modelConn, m_cursorConn, m_closingConn;
};

} // namespace hexmap
