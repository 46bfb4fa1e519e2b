// SPDX-License-Identifier: MIT
#include "find_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>

namespace hexmap {

FindBar::FindBar(QWidget* parent) : QWidget(parent) {
    setObjectName("findBar");
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(6, 4, 6, 4);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(3);

    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName("findPattern");
    m_pattern->setPlaceholderText(tr("Find (Enter: next, Shift+Enter: previous)"));
    m_pattern->setClearButtonEnabled(true);
    m_pattern->installEventFilter(this);
    m_kind = new QComboBox(this);
    m_kind->setObjectName("findKind");
    m_kind->addItem(tr("Text"), int(PatternKind::Text));
    m_kind->addItem(tr("Hex"), int(PatternKind::Hex));
    m_kind->addItem(tr("Regex"), int(PatternKind::Regex));
    m_case = new QCheckBox(tr("&Ignore case"), this);
    m_encoding = new QComboBox(this);
    m_encoding->setObjectName("findEncoding");
    m_encoding->addItem(tr("UTF-8"), int(TextEncoding::Utf8));
    m_encoding->addItem(tr("UTF-16LE"), int(TextEncoding::Utf16LE));
    m_encoding->addItem(tr("UTF-16BE"), int(TextEncoding::Utf16BE));
    auto* next = new QPushButton(tr("&Next"), this);
    auto* previous = new QPushButton(tr("&Previous"), this);
    auto* all = new QPushButton(tr("Find &All"), this);
    all->setObjectName("findAllButton");
    m_status = new QLabel(this);
    m_status->setObjectName("findStatus");
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("\u2715"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close the find bar (Esc)"));

    m_replace = new QLineEdit(this);
    m_replace->setObjectName("replaceText");
    m_replace->setPlaceholderText(tr("Replace with (same length, same kind as the pattern)"));
    m_replace->installEventFilter(this);
    auto* replace = new QPushButton(tr("&Replace"), this);
    auto* replaceAll = new QPushButton(tr("Replace A&ll"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName("findCancel");
    m_cancel->hide();
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName("findRefresh");
    m_refresh->setToolTip(tr("The file changed on disk: find all again"));
    m_refresh->hide();

    // The status line has a row of its own, word-wrapped and never wider than the bar: a
    // long message (an invalid pattern, a refused replacement) must not squeeze the
    // pattern field, and must not be cut off.
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pattern->setMinimumWidth(m_pattern->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 24);
    m_replace->setMinimumWidth(m_pattern->minimumWidth());
    grid->addWidget(m_pattern, 0, 0);
    grid->addWidget(m_kind, 0, 1);
    grid->addWidget(m_case, 0, 2);
    grid->addWidget(m_encoding, 0, 3);
    grid->addWidget(previous, 0, 4);
    grid->addWidget(next, 0, 5);
    grid->addWidget(all, 0, 6);
    grid->addWidget(close, 0, 7);
    grid->addWidget(m_replace, 1, 0);
    grid->addWidget(replace, 1, 4);
    grid->addWidget(replaceAll, 1, 5);
    grid->addWidget(m_cancel, 1, 6);
    grid->addWidget(m_refresh, 1, 7);
    grid->addWidget(m_progress, 2, 0, 1, 8);
    grid->addWidget(m_status, 3, 0, 1, 8);
    grid->setColumnStretch(0, 1);

    connect(next, &QPushButton::clicked, this, &FindBar::findNext);
    connect(previous, &QPushButton::clicked, this, &FindBar::findPrevious);
    connect(all, &QPushButton::clicked, this, &FindBar::findAll);
    connect(replace, &QPushButton::clicked, this, &FindBar::replaceOne);
    connect(replaceAll, &QPushButton::clicked, this, &FindBar::replaceAll);
    connect(m_cancel, &QPushButton::clicked, this, &FindBar::cancelRequested);
    connect(m_refresh, &QPushButton::clicked, this, &FindBar::findAll);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        emit closed();
    });
    connect(m_pattern, &QLineEdit::textChanged, this, &FindBar::patternChanged);
    connect(m_case, &QCheckBox::toggled, this, &FindBar::patternChanged);
    auto kindChanged = [this] {
        const bool text = m_kind->currentData().toInt() == int(PatternKind::Text);
        m_encoding->setEnabled(text);
        m_case->setEnabled(m_kind->currentData().toInt() != int(PatternKind::Hex));
        emit patternChanged();
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, kindChanged);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &FindBar::patternChanged);
}

QString FindBar::patternText() const { return m_pattern->text(); }
QString FindBar::replacementText() const { return m_replace->text(); }
void FindBar::setPatternText(const QString& text) { m_pattern->setText(text); }
void FindBar::setReplacementText(const QString& text) { m_replace->setText(text); }

PatternOptions FindBar::options() const {
    PatternOptions o;
    o.kind = static_cast<PatternKind>(m_kind->currentData().toInt());
    o.caseInsensitive = m_case->isEnabled() && m_case->isChecked();
    o.encoding = static_cast<TextEncoding>(m_encoding->currentData().toInt());
    return o;
}

void FindBar::setKind(PatternKind kind) { m_kind->setCurrentIndex(m_kind->findData(int(kind))); }
void FindBar::setCaseInsensitive(bool on) { m_case->setChecked(on); }
void FindBar::setEncoding(TextEncoding encoding) {
    m_encoding->setCurrentIndex(m_encoding->findData(int(encoding)));
}

void FindBar::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_statusIsError = error;
    applyStatusColor();
}

void FindBar::applyStatusColor() {
    // An error reads in red: a dark red on a light window, a light red on a dark one, so it
    // keeps its contrast either way.
    QPalette p = palette();
    if (m_statusIsError) {
        const bool dark = p.color(QPalette::Window).lightness() < 128;
        p.setColor(QPalette::WindowText, dark ? QColor(255, 120, 110) : QColor(176, 0, 32));
    }
    m_status->setPalette(p);
}

void FindBar::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyStatusColor();
}

QString FindBar::statusText() const { return m_status->text(); }

void FindBar::setBusy(bool busy) {
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy) m_progress->setValue(0);
}

bool FindBar::isBusy() const { return m_cancel->isVisible(); }

void FindBar::setProgress(quint64 done, quint64 total) {
    m_progress->setValue(total ? static_cast<int>(done * 1000 / total) : 0);
}

void FindBar::focusPattern() {
    show();
    m_pattern->setFocus();
    m_pattern->selectAll();
}

bool FindBar::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (watched == m_replace) emit replaceOne();
            else if (key->modifiers() & Qt::ShiftModifier) emit findPrevious();
            else emit findNext();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindBar::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        if (isBusy()) {
            emit cancelRequested();
        } else {
            hide();
            emit closed();
        }
        return;
    }
    QWidget::keyPressEvent(event);
}

void FindBar::setStale(bool stale) { m_refresh->setVisible(stale); }

bool FindBar::isStale() const { return !m_refresh->isHidden(); }

} // namespace hexmap
