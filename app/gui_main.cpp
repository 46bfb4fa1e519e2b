// SPDX-License-Identifier: MIT
// hexmap-gui: the window. `hexmap` (main.cpp) runs the headless commands itself and
// executes this for everything else, so that a command never loads Qt.
#include "app_icon.h"
#include "demo_log.h"
#include "compare_window.h"
#include "preferences.h"
#include "theme.h"
#include "document_tab.h"
#include "main_window.h"
#include "raw_arguments.h"
#include "session_controller.h"
#include "startup_probe.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <cstdio>

using namespace hexmap;

namespace {

struct Options {
    QCommandLineOption readOnly{"read-only", "Open read-only (the default, unless changed in Preferences)."};
    QCommandLineOption readWrite{"read-write", "Open read-write shared: edits go straight to the file."};
    QCommandLineOption priv{"private", "Open private copy-on-write: edits stay here until saved."};
    QCommandLineOption offset{"offset", "Put the cursor at offset N (decimal, 0x hex).", "N"};
    QCommandLineOption lines{"lines", "Show the files as lines of text (the Lines view, for logs)."};
    QCommandLineOption compare{"compare", "Compare the two files given, side by side."};
    QCommandLineOption merge{"merge", "Merge the log files given into one view, their lines ordered by time."};
    QCommandLineOption bench{"bench-startup", "Print start-up timings and quit (benchmarks)."};
};

Options setUpParser(QCommandLineParser& parser) {
    Options o;
    parser.setApplicationDescription(
        "A hex viewer and editor built on memory mapping.\n"
        "Also, without a display:\n"
        "  hexmap dump [-s OFFSET] [-n LENGTH] FILE\n"
        "  hexmap find [--hex | --text | --regex] [-i] [--utf16le | --utf16be] [--count] [-j N] "
        "PATTERN FILE\n"
        "  hexmap hash [-a ALG]... [-s OFFSET] [-n LENGTH] FILE\n"
        "  hexmap cmp [-l | -s | --ranges | --resync] [-n LIMIT] [-i SKIP1[:SKIP2]] FILE1 FILE2\n"
        "  hexmap parse --ksy SPEC [--ksy-path DIR]... [--compact] FILE\n"
        "See man hexmap for the modes, the keys and the exit codes.");
    parser.addHelpOption();
    parser.addVersionOption();
    o.bench.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({o.readOnly, o.readWrite, o.priv, o.offset, o.lines, o.compare, o.merge, o.bench});
    parser.addPositionalArgument("FILE", "The files to open, each in a tab; without one, a demo log.",
                                 "[FILE...]");
    return o;
}

} // namespace

int main(int argc, char** argv) {
    // --help and --version answer without a display (in a terminal, over ssh, in a package
    // check): a QCoreApplication is enough for the parser, which prints and exits.
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--") break;
        if (a == "--help" || a == "-h" || a == "--help-all" || a == "--version" || a == "-v") {
            QCoreApplication core(argc, argv);
            QCoreApplication::setApplicationName("hexmap");
            QCoreApplication::setApplicationVersion(QStringLiteral(HEXMAP_VERSION));
            QCommandLineParser parser;
            setUpParser(parser);
            parser.process(core);
            return 0;
        }
    }

    // No display at all (a terminal, ssh, a script): Qt would abort with a plugin error;
    // say what hexmap can do here instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fprintf(stderr,
                     "hexmap: no display to open a window on%s%s%s. Without one, hexmap runs its "
                     "commands: dump, find, hash, cmp, parse (hexmap --help lists them).\n",
                     argc > 1 ? " (asked for \"" : "", argc > 1 ? argv[1] : "", argc > 1 ? "\")" : "");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName("hexmap");
    QApplication::setApplicationName("hexmap");
    QApplication::setApplicationVersion(QStringLiteral(HEXMAP_VERSION));
    QApplication::setWindowIcon(appIcon());
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hexmap.HexMap"));

    QCommandLineParser parser;
    const Options o = setUpParser(parser);
    const QCommandLineOption &readOnly = o.readOnly, &readWrite = o.readWrite, &priv = o.priv,
                             &offset = o.offset, &lines = o.lines, &bench = o.bench;
    parser.process(app);

    if (int(parser.isSet(readOnly)) + int(parser.isSet(readWrite)) + int(parser.isSet(priv)) > 1) {
        std::fputs("hexmap: choose one of --read-only, --read-write, --private\n", stderr);
        return 2;
    }
    if (parser.isSet(o.compare)) {
        const QStringList files = parser.positionalArguments();
        if (files.size() != 2) {
            std::fputs("hexmap: --compare takes two files\n", stderr);
            return 2;
        }
        // The theme chosen in the preferences, as the main window would apply it.
        if (const Preferences prefs = Preferences::load(); prefs.theme != Theme::System) applyTheme(prefs.theme);
        QString error;
        CompareWindow compare(files[0], files[1], &error);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "hexmap: %s\n", qPrintable(error));
            return 2;
        }
        compare.show();
        return app.exec();
    }
    MainWindow window;
    if (parser.isSet(o.merge)) {
        const QStringList files = parser.positionalArguments();
        if (files.isEmpty()) {
            std::fputs("hexmap: --merge takes the log files to merge\n", stderr);
            return 2;
        }
        // The main window stays hidden until a row is opened in it; closing the merged
        // view, the last window, quits.
        if (const UiStatus opened = window.openMerged(files); !opened) {
            std::fprintf(stderr, "hexmap: %s\n", qPrintable(opened.message()));
            return 2;
        }
        return app.exec();
    }
    // Without a mode on the command line, the one chosen in the preferences (read-only
    // unless changed).
    const OpenMode mode = parser.isSet(readWrite) ? OpenMode::Shared
                          : parser.isSet(priv)    ? OpenMode::Private
                          : parser.isSet(readOnly) ? OpenMode::ReadOnly
                                                   : window.preferences().defaultMode;
    if (parser.isSet(bench)) armStartupProbe(&window);
    if (parser.isSet(lines)) window.setViewMode(DocumentTab::ViewMode::Lines);
    window.show();

    QList<QByteArray> paths = rawPositionalArguments(argc, argv, parser.positionalArguments());
    if (paths.isEmpty()) {
        // The last session: each file in its own mode, unless one was asked for here.
        std::optional<OpenMode> asked;
        if (parser.isSet(readWrite) || parser.isSet(priv) || parser.isSet(readOnly)) asked = mode;
        for (const QString& error : window.restoreSession(asked))
            std::fprintf(stderr, "hexmap: %s\n", qPrintable(error));
    }
    if (paths.isEmpty() && window.session()->count() == 0) {
        const QString demo =
            QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + "/hexmap/demo.log";
        const QString error = ensureDemoLog(demo);
        if (error.isEmpty()) paths << QFile::encodeName(demo);
        else std::fprintf(stderr, "hexmap: cannot write the demo file %s: %s\n", qPrintable(demo),
                          qPrintable(error));
    }
    for (const QByteArray& path : paths) {
        if (const UiStatus opened = window.session()->open(path, mode); !opened)
            std::fprintf(stderr, "hexmap: %s\n", qPrintable(opened.message()));
    }
    if (parser.isSet(offset) && window.currentTab()) {
        if (const UiStatus went = window.currentTab()->goTo(parser.value(offset)); !went)
            std::fprintf(stderr, "hexmap: --offset: %s\n", qPrintable(went.message()));
    }
    return app.exec();
}
