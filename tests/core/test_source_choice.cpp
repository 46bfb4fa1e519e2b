// SPDX-License-Identifier: MIT
// chooseFileSource: the probe that picks pread or the mapping for a search.
#include "mapped_file.h"
#include "searcher.h"
#include "temp_files.h"

#include <QtTest>
#include <fcntl.h>
#include <unistd.h>

using namespace hexmap;

class TestSourceChoice : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static std::vector<Match> all(const ByteSource& src, const Pattern& p) {
        std::vector<Match> out;
        auto r = findAll(src, p, [&](const Match* m, std::size_t n) { out.insert(out.end(), m, m + n); });
        if (!r) qFatal("%s", r.error().message.c_str());
        return out;
    }

private slots:
    void smallFilesAndNoMappingUsePread() {
        const auto path = testutil::writeFile(m_dir, "small.bin", QByteArray(1 << 20, 'a'));
        auto f = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(f.ok());
        const auto src = chooseFileSource(f.value().data(), f.value().fd(), f.value().size());
        QVERIFY(src->direct() == nullptr);
        QCOMPARE(src->size(), f.value().size());
        QVERIFY(chooseFileSource(nullptr, f.value().fd(), f.value().size())->direct() == nullptr);
    }

    void fileNotInThePageCacheUsesPread() {
        const auto path = testutil::writeFile(m_dir, "cold.bin", testutil::randomBytes(80u << 20, 1));
        const int fd = ::open(path.c_str(), O_RDONLY);
        QVERIFY(fd >= 0);
        QCOMPARE(::fdatasync(fd), 0);
        QCOMPARE(::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
        ::close(fd);
        auto f = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(f.ok());
        const auto src = chooseFileSource(f.value().data(), f.value().fd(), f.value().size());
        QVERIFY(src->direct() == nullptr);
    }

    void eitherChoiceFindsTheSameMatches() {
        QByteArray bytes = testutil::randomBytes(96u << 20, 2);
        for (int i = 0; i < 50; ++i) bytes.replace(i * 1999993, 6, "NEEDLE");
        const auto path = testutil::writeFile(m_dir, "warm.bin", bytes);
        auto f = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(f.ok());
        const MappedFile& file = f.value();
        auto pattern = Pattern::parse("NEEDLE", {});
        QVERIFY(pattern.ok());
        const auto chosen = chooseFileSource(file.data(), file.fd(), file.size());
        const MemorySource mapped(file.data(), file.size());
        const FdSource pread(file.fd(), file.size());
        const auto expected = all(mapped, pattern.value());
        QVERIFY(expected.size() >= 50);
        QCOMPARE(all(*chosen, pattern.value()), expected);
        QCOMPARE(all(pread, pattern.value()), expected);
    }
};

QTEST_APPLESS_MAIN(TestSourceChoice)
#include "test_source_choice.moc"
