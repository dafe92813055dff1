#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace textra {

// Bytes this process can still take without pushing the system (or its container) into reclaim or the
// out-of-memory killer: /proc/meminfo's MemAvailable, lowered to the room left under a cgroup v2 memory
// limit when one is set. nullopt when neither can be read (not Linux, /proc hidden).
std::optional<std::uint64_t> available_memory_bytes();

// The parts, for tests: MemAvailable in bytes from /proc/meminfo's text, and the room left under a cgroup's
// memory.max given memory.current ("max" means no limit).
std::optional<std::uint64_t> mem_available_from_meminfo(std::string_view meminfo);
std::optional<std::uint64_t> cgroup_room(std::string_view memory_max, std::string_view memory_current);

}  // namespace textra
