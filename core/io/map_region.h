// SPDX-License-Identifier: MIT
// MapRegion: owns one mapping (its base, its length as the file's size, and its slot in
// the fault guard) and unmaps it; move-only. MappedFile changes the fields in place as it
// grows, shrinks or remaps; what the region owns is released here, in one place.
#pragma once

#include <cstdint>
#include <utility>

namespace hexmap {

struct MapRegion {
    std::uint8_t* data = nullptr;
    std::uint64_t size = 0; // the file's size as mapped (the mapping covers its pages)
    int guardSlot = -1;     // fault_guard's registration, or -1

    MapRegion() = default;
    ~MapRegion() { unmap(); }
    MapRegion(MapRegion&& other) noexcept
        : data(std::exchange(other.data, nullptr)), size(std::exchange(other.size, 0)),
          guardSlot(std::exchange(other.guardSlot, -1)) {}
    MapRegion& operator=(MapRegion&& other) noexcept {
        if (this == &other) return *this;
        unmap();
        data = std::exchange(other.data, nullptr);
        size = std::exchange(other.size, 0);
        guardSlot = std::exchange(other.guardSlot, -1);
        return *this;
    }
    MapRegion(const MapRegion&) = delete;
    MapRegion& operator=(const MapRegion&) = delete;

    // Unregisters from the fault guard and unmaps; `size` stays (the file's size).
    void unmap();
};

} // namespace hexmap
