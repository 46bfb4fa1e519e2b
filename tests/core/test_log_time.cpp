// SPDX-License-Identifier: MIT
// The time of a log line (issue 22): each format against Python's datetime on random times;
// which format a file uses; what Go To takes; and the line where a time falls, by binary
// search, against a linear scan (lines without a time, equal times, CRLF, no final newline),
// reading O(log n) lines.
#include "log_level.h"
#include "log_time.h"

#include <QProcess>
#include <QtTest>
#include <random>

using namespace hexmap;

namespace {

QString python(const QString& script) {
    QProcess p;
    p.start("python3", {"-c", script});
    if (!p.waitForStarted()) qFatal("python3 is not installed (scripts/install-deps.sh test installs it)");
    p.waitForFinished(60000);
    if (p.exitCode() != 0) qFatal("python3 failed: %s", p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput());
}

struct Log {
    std::string text;
    std::vector<std::uint64_t> starts;                // every line's start
    std::vector<std::optional<std::int64_t>> times;   // every line's time, if it has one
};

// ISO lines a second or so apart (some the same second), a stack trace now and then.
Log makeLog(int lines, std::uint32_t seed, bool crlf, bool finalNewline) {
    std::mt19937 rng(seed);
    Log log;
    std::int64_t t = 1'764'127'270'000; // 2025-11-26
    const char* eol = crlf ? "\r\n" : "\n";
    for (int i = 0; i < lines; ++i) {
        log.starts.push_back(log.text.size());
        if (rng() % 17 == 0) {
            log.text += "    at com.example.Thing.method(Thing.java:42)";
            log.times.push_back(std::nullopt);
        } else {
            t += rng() % 3 == 0 ? 0 : std::int64_t(rng() % 2000);
            log.text += formatTime(t) + (rng() % 2 ? " INFO request handled" : " WARN slow request");
            log.times.push_back(std::int64_t(t / 1000 * 1000 + (t % 1000 ? t % 1000 : 0)));
        }
        if (i + 1 < lines || finalNewline) log.text += eol;
    }
    return log;
}

std::uint64_t linear(const Log& log, std::int64_t target) {
    for (std::size_t i = 0; i < log.times.size(); ++i)
        if (log.times[i] && *log.times[i] >= target) return log.starts[i];
    return log.text.size();
}

} // namespace

class TestLogTime : public QObject {
    Q_OBJECT

private slots:
    // A line's level (the merged view's e/E, w/W): the words standing alone, in capitals,
    // or logfmt's level=; an error wins over a warning on the same line.
    void levelOfALine_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("level");
        const int none = int(LineLevel::None), warn = int(LineLevel::Warning), err = int(LineLevel::Error);
        QTest::newRow("error") << QByteArray("2026-12-08 10:00:00 ERROR disk full") << err;
        QTest::newRow("bracketed") << QByteArray("[FATAL] boom") << err;
        QTest::newRow("crit, alert, emerg, severe, err")
            << QByteArray("x CRIT y") << err;
        QTest::newRow("critical") << QByteArray("<2>CRITICAL: y") << err;
        QTest::newRow("err") << QByteArray("kernel: ERR:") << err;
        QTest::newRow("warn") << QByteArray("10:00 WARN slow") << warn;
        QTest::newRow("warning") << QByteArray("WARNING") << warn;
        QTest::newRow("logfmt error") << QByteArray("ts=1 level=error msg=x") << err;
        QTest::newRow("logfmt warn") << QByteArray("ts=1 level=warn msg=x") << warn;
        QTest::newRow("both: the error wins") << QByteArray("WARN then ERROR") << err;
        QTest::newRow("part of a word") << QByteArray("ERRORS XERROR ERROR_1 WARNED") << none;
        QTest::newRow("lower case word") << QByteArray("an error, a warning") << none;
        QTest::newRow("logfmt other") << QByteArray("level=info loglevel=error") << none;
        QTest::newRow("empty") << QByteArray() << none;
    }

    void levelOfALine() {
        QFETCH(QByteArray, line);
        QFETCH(int, level);
        QCOMPARE(int(levelOfLine(std::string_view(line.constData(), std::size_t(line.size())))), level);
    }

    // Each format, on 200 random times, against Python's datetime (calendar.timegm for the
    // zone-less ones, .timestamp() for those with an offset).
    void formatsAgainstPython_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("text"); // Python: the line's timestamp
        QTest::addColumn<QString>("ms");   // Python: its epoch milliseconds
        const QString plain = "s * 1000 + us // 1000";
        QTest::newRow("ISO 8601, T and Z") << int(TimeFormat::Iso8601)
            << "d.strftime('%Y-%m-%dT%H:%M:%S') + '.%03dZ' % (us // 1000)" << plain;
        QTest::newRow("ISO 8601, space, comma") << int(TimeFormat::Iso8601)
            << "d.strftime('%Y-%m-%d %H:%M:%S') + ',%06d' % us" << plain;
        QTest::newRow("ISO 8601, offset") << int(TimeFormat::Iso8601)
            << "dz.isoformat(timespec='milliseconds')" << "int(dz.replace(microsecond=0).timestamp()) * 1000 + us // 1000";
        QTest::newRow("ISO 8601, bracketed") << int(TimeFormat::Iso8601)
            << "'[' + d.strftime('%Y-%m-%d %H:%M:%S') + ']'" << "s * 1000";
        QTest::newRow("syslog") << int(TimeFormat::Syslog)
            << "d.strftime('%b ') + ('%2d' % d.day) + d.strftime(' %H:%M:%S')" << "s * 1000";
        QTest::newRow("common log") << int(TimeFormat::CommonLog)
            << "'10.0.0.1 - - [' + dz.strftime('%d/%b/%Y:%H:%M:%S %z') + ']'" << "int(dz.replace(microsecond=0).timestamp()) * 1000";
        QTest::newRow("epoch seconds") << int(TimeFormat::EpochSeconds) << "'%d.%03d' % (s, us // 1000)" << plain;
        QTest::newRow("epoch milliseconds") << int(TimeFormat::EpochMillis) << "'%d' % (s * 1000 + us // 1000)" << plain;
    }
    void formatsAgainstPython() {
        QFETCH(int, format);
        QFETCH(QString, text);
        QFETCH(QString, ms);
        // d: a UTC time in 2025 (syslog has no year: the test passes 2025); dz: the same wall
        // clock at an offset from UTC. Each row: the line, a tab, Python's epoch milliseconds.
        const QString script = QString(R"(
import random, datetime
random.seed(7)
for i in range(200):
    s = random.randrange(1735689600, 1767225600)
    us = random.randrange(0, 1000000)
    d = datetime.datetime.fromtimestamp(s, datetime.timezone.utc).replace(microsecond=us)
    tz = datetime.timezone(datetime.timedelta(minutes=random.choice([-420, -300, 0, 60, 330, 600])))
    dz = d.replace(tzinfo=tz)
    print((%1) + ' rest of the line\t' + str(%2))
)").arg(text, ms);
        const QStringList rows = python(script).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 200);
        std::string sample;
        for (const QString& row : rows) {
            const QStringList parts = row.split('\t');
            const std::string line = parts[0].toStdString();
            sample += line + "\n";
            const auto t = lineTime(line, static_cast<TimeFormat>(format), 2025);
            QVERIFY2(t, line.c_str());
            QVERIFY2(*t == parts[1].toLongLong(),
                     qPrintable(QString("%1: %2, Python says %3").arg(parts[0]).arg(*t).arg(parts[1])));
        }
        QCOMPARE(int(detectTimeFormat(sample, 2025)), format);
    }

    void untimedAndBrokenLines() {
        QVERIFY(!lineTime("", TimeFormat::Iso8601, 2025));
        QVERIFY(!lineTime("2025-13-01T00:00:00 month 13", TimeFormat::Iso8601, 2025));
        QVERIFY(!lineTime("2025-02-29 10:00:00 not a leap year", TimeFormat::Iso8601, 2025));
        QVERIFY(lineTime("2024-02-29 10:00:00 a leap year", TimeFormat::Iso8601, 2024));
        QVERIFY(!lineTime("Foo 26 03:21:10 host x", TimeFormat::Syslog, 2025));
        QVERIFY(!lineTime("17641272700 eleven digits", TimeFormat::EpochSeconds, 2025));
        QVERIFY(!lineTime("1764127270abc", TimeFormat::EpochSeconds, 2025));
        QCOMPARE(detectTimeFormat("just text\nmore text\n", 2025), TimeFormat::None);
        QCOMPARE(detectTimeFormat("", 2025), TimeFormat::None);
        // Mostly ISO with a stack trace between: still ISO.
        QCOMPARE(detectTimeFormat("2025-01-01 00:00:00 a\n  at x\n2025-01-01 00:00:01 b\n", 2025), TimeFormat::Iso8601);
    }

    void queries() {
        const std::int64_t ref = *parseTimeQuery("2026-11-26 15:00:00", std::nullopt);
        QCOMPARE(formatTime(ref), std::string("2026-11-26 15:00:00"));
        QCOMPARE(formatTime(*parseTimeQuery("2026-11-26T03:21", std::nullopt)), std::string("2026-11-26 03:21:00"));
        QCOMPARE(formatTime(*parseTimeQuery("03:21:10", ref)), std::string("2026-11-26 03:21:10"));
        QCOMPARE(formatTime(*parseTimeQuery(" 03:21 ", ref)), std::string("2026-11-26 03:21:00"));
        QCOMPARE(formatTime(*parseTimeQuery("2026-11-26 03:21:10.250", ref)), std::string("2026-11-26 03:21:10.250"));
        QCOMPARE(formatTime(*parseTimeQuery("2026-11-26", ref)), std::string("2026-11-26 00:00:00"));
        QVERIFY(!parseTimeQuery("03:21", std::nullopt)); // a time of day needs a day
        QVERIFY(!parseTimeQuery("25:00", ref));
        QVERIFY(!parseTimeQuery("5000", ref));
        QVERIFY(!parseTimeQuery("0x1000", ref));
        QVERIFY(!parseTimeQuery("2026-11-26 03:21 and more", ref));
        QCOMPARE(yearOf(ref), 2026);
    }

    // Binary search against a linear scan, on logs with untimed lines, repeated times, CRLF
    // and no final newline; the lines read stay near log2 of the size.
    void findTimeMatchesALinearScan_data() {
        QTest::addColumn<bool>("crlf");
        QTest::addColumn<bool>("finalNewline");
        QTest::newRow("LF") << false << true;
        QTest::newRow("CRLF") << true << true;
        QTest::newRow("no final newline") << false << false;
    }
    void findTimeMatchesALinearScan() {
        QFETCH(bool, crlf);
        QFETCH(bool, finalNewline);
        const Log log = makeLog(200'000, 5, crlf, finalNewline);
        const ByteView bytes(reinterpret_cast<const std::uint8_t*>(log.text.data()), log.text.size());
        std::mt19937 rng(9);
        const std::int64_t first = *log.times[0];
        std::int64_t last = first;
        for (const auto& t : log.times)
            if (t) last = std::max(last, *t);
        std::uint64_t most = 0;
        for (int k = 0; k < 300; ++k) {
            std::int64_t target;
            if (k == 0) target = first - 1000;
            else if (k == 1) target = last + 1000;
            else if (k == 2) target = first;
            else if (k < 100) { // exactly a line's time: the first line holding it
                std::size_t i = rng() % log.times.size();
                while (!log.times[i]) i = (i + 1) % log.times.size();
                target = *log.times[i];
            } else {
                target = first + std::int64_t(rng() % std::uint64_t(last - first + 1));
            }
            std::uint64_t read = 0;
            const std::uint64_t got = findTime(bytes, TimeFormat::Iso8601, 2025, target, &read);
            QVERIFY2(got == linear(log, target),
                     qPrintable(QString("target %1: %2, a scan says %3").arg(QString::fromStdString(formatTime(target))).arg(got).arg(linear(log, target))));
            most = std::max(most, read);
        }
        // log2(about 9 MB / 4 KiB) is 11 probes, then at most a 4 KiB stretch of lines.
        QVERIFY2(most < 200, qPrintable(QString("%1 lines read").arg(most)));
    }

    // A line out of order is tolerated: the answer lands within a few lines of the scan's.
    void aLineOutOfOrder() {
        Log log = makeLog(20'000, 6, false, true);
        const std::size_t i = 10'000;
        const std::string early = formatTime(*log.times[0]) + " OUT OF ORDER\n";
        log.text.insert(log.starts[i], early);
        const ByteView bytes(reinterpret_cast<const std::uint8_t*>(log.text.data()), log.text.size());
        const std::int64_t target = *log.times[i + 5] ;
        const std::uint64_t got = findTime(bytes, TimeFormat::Iso8601, 2025, target);
        const std::uint64_t want = linear(log, target) + early.size();
        QVERIFY2(got + 4096 >= want && got <= want + 4096, qPrintable(QString("%1 vs %2").arg(got).arg(want)));
    }
};

QTEST_MAIN(TestLogTime)
#include "test_log_time.moc"
