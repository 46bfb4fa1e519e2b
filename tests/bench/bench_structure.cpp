// SPDX-License-Identifier: MIT
// Structure benchmark (issue 20's targets), ratios against baselines measured in the same
// run:
//   (a) the first level of a GPT disk image's tree (its top seq and instances: protective
//       MBR, primary and backup headers, entries not expanded), made by sfdisk, 16 GiB
//       sparse against 16 MiB: in-process, the description loaded once;
//   (b) a ZIP of 100,000 entries written by Python: the Structure dock's rows (the first
//       2,000 sections, read on demand), and `hexmap parse` to JSON of every entry against Python's
//       zipfile listing the same archive (whole processes).
//
//   bench_structure HEXMAP_BINARY KSY_DIR [FOLDER]
#include "bench_util.h"
#include "block_cache_source.h"
#include "ksy_interpreter.h"
#include "ksy_rows.h"
#include "ksy_spec.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace hexmap;

namespace {

double processSeconds(const QString& program, const QStringList& args) {
    std::vector<double> runs;
    for (int i = 0; i < 3; ++i)
        runs.push_back(bench::seconds([&] {
            QProcess p;
            p.setStandardOutputFile(QProcess::nullDevice());
            p.start(program, args);
            p.waitForFinished(-1);
            if (p.exitCode() != 0) std::fprintf(stderr, "%s failed\n", qPrintable(program));
        }));
    return bench::median(runs);
}

void run(const QString& program, const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(-1);
    if (p.exitCode() != 0) std::fprintf(stderr, "%s: %s\n", qPrintable(program), p.readAllStandardError().constData());
}

// The first level: root seq and its instances (each read, but not their repeated parts)
double firstLevelMs(const ksy::SpecSet& specs, const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    const std::uint64_t size = std::uint64_t(::lseek(fd, 0, SEEK_END));
    FdSource src(fd, size);
    std::vector<double> runs;
    for (int i = 0; i < 7; ++i) {
        runs.push_back(bench::seconds([&] {
            ksy::Interpreter in(specs, src);
            ksy::StructNode* root = in.root();
            for (const auto& a : root->type->instances) {
                ksy::Field* f = in.instance(*root, a);
                if (f->value.kind == ksy::Value::Kind::Struct) in.ensureRead(*f->value.node);
            }
        }) * 1000);
    }
    ::close(fd);
    return bench::median(runs);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_structure HEXMAP_BINARY KSY_DIR [FOLDER]\n");
        return 2;
    }
    const QString hexmap = argv[1];
    const std::string ksyDir = argv[2];
    QTemporaryDir tmp(argc > 3 ? QString(argv[3]) + "/bench-structure-XXXXXX" : QDir::tempPath() + "/bench-structure-XXXXXX");

    // (a) GPT first level, 16 MiB against 16 GiB
    ksy::SpecSet gpt;
    if (!gpt.load(ksyDir + "/gpt.ksy", {ksyDir})) return 1;
    const QByteArray table = "label: gpt\nstart=2048, size=8192, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B\n"
                             "start=10240, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n";
    double ms[2];
    const long long sizes[2] = {16ll << 20, 16ll << 30};
    for (int k = 0; k < 2; ++k) {
        const QString img = tmp.filePath(QString("disk%1.img").arg(k));
        bench::writeFile(img, QByteArray(), sizes[k]);
        run("sfdisk", {"-q", "--no-reread", "--no-tell-kernel", img}, table);
        ms[k] = firstLevelMs(gpt, img.toStdString());
    }
    std::printf("structure: GPT first level: 16 MiB %.3f ms, 16 GiB sparse %.3f ms (%.2fx; target <= 50 ms and <= 1.2x)\n",
                ms[0], ms[1], ms[1] / ms[0]);

    // (b) ZIP of 100,000 entries
    const QString zip = tmp.filePath("many.zip");
    run("python3", {"-c", "import zipfile,sys\n"
                          "with zipfile.ZipFile(sys.argv[1], 'w') as z:\n"
                          "    for k in range(100000): z.writestr('d%03d/entry%06d.txt' % (k % 997, k), b'x%d' % k)\n",
                    zip});
    ksy::SpecSet zipSpec;
    if (!zipSpec.load(ksyDir + "/zip.ksy", {ksyDir})) return 1;
    {
        const std::string path = zip.toStdString();
        const int fd = ::open(path.c_str(), O_RDONLY);
        const std::uint64_t size = std::uint64_t(::lseek(fd, 0, SEEK_END));
        const FdSource fdSource(fd, size);
        const BlockCacheSource src(fdSource); // as the Structure dock reads
        std::vector<double> runs;
        std::size_t rows = 0;
        for (int i = 0; i < 3; ++i)
            runs.push_back(bench::seconds([&] {
                // what the Structure dock makes: its rows (2,000 entries of an array at most)
                ksy::Interpreter in(zipSpec, src);
                rows = ksy::treeRows(in, *in.root()).size();
            }) * 1000);
        ::close(fd);
        std::printf("structure: ZIP 100,000 entries: the dock's tree (%zu rows) %.1f ms (target: first screen <= 100 ms)\n",
                    rows, bench::median(runs));
    }
    const double python = processSeconds("python3", {"-c", "import zipfile,sys\n"
                                                           "for i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.filename, i.file_size, i.CRC)\n",
                                                     zip});
    const double parse = processSeconds(hexmap, {"parse", "--ksy", QString::fromStdString(ksyDir + "/zip.ksy"), "--compact", zip});
    std::printf("structure: ZIP 100,000 entries: hexmap parse to JSON %.3f s, Python zipfile listing %.3f s: %.2fx its speed "
                "(target >= 0.5x)\n",
                parse, python, python / parse);
    return 0;
}
