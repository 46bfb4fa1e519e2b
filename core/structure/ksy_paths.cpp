// SPDX-License-Identifier: MIT
#include "ksy_paths.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace hexmap::ksy {

std::string userFolder() {
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) return std::string(data) + "/hexmap/ksy";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/hexmap/ksy";
    return {};
}

std::vector<std::string> searchPath(const std::vector<std::string>& extra) {
    std::vector<std::string> dirs = extra;
    if (std::string user = userFolder(); !user.empty()) dirs.push_back(user);
#ifdef HEXMAP_INSTALLED_KSY_DIR
    dirs.push_back(HEXMAP_INSTALLED_KSY_DIR);
#endif
#ifdef HEXMAP_SOURCE_KSY_DIR
    dirs.push_back(HEXMAP_SOURCE_KSY_DIR);
#endif
    return dirs;
}

std::vector<std::string> listDescriptions(const std::vector<std::string>& path) {
    namespace fs = std::filesystem;
    std::map<std::string, std::string> byName;
    for (const std::string& dir : path) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            if (e.path().extension() != ".ksy") continue;
            std::error_code fec;
            if (!e.is_regular_file(fec)) continue;
            byName.emplace(e.path().filename().string(), e.path().string());
        }
    }
    std::vector<std::string> out;
    for (auto& [name, p] : byName) out.push_back(p);
    return out;
}

} // namespace hexmap::ksy
