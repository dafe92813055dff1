#include "base/available_memory.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "base/files.h"

namespace textra {

namespace {

std::optional<std::uint64_t> leading_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

std::optional<std::string> read_small(const char* path) {
  auto text = read_file(path, 1 << 16);
  if (!text.is_ok()) return std::nullopt;
  return std::move(*text);
}

}  // namespace

std::optional<std::uint64_t> mem_available_from_meminfo(std::string_view meminfo) {
  constexpr std::string_view kKey = "MemAvailable:";
  for (std::size_t at = 0; at < meminfo.size();) {
    std::size_t end = std::min(meminfo.find('\n', at), meminfo.size());
    std::string_view line = meminfo.substr(at, end - at);
    if (line.starts_with(kKey)) {
      auto kib = leading_number(line.substr(kKey.size()));
      if (!kib || *kib > UINT64_MAX / 1024) return std::nullopt;
      return *kib * 1024;  // the kernel writes "kB" and means KiB
    }
    at = end + 1;
  }
  return std::nullopt;
}

std::optional<std::uint64_t> cgroup_room(std::string_view memory_max, std::string_view memory_current) {
  auto limit = leading_number(memory_max);  // "max\n": no limit
  auto used = leading_number(memory_current);
  if (!limit || !used) return std::nullopt;
  return *limit > *used ? *limit - *used : 0;
}

std::optional<std::uint64_t> available_memory_bytes() {
  std::optional<std::uint64_t> available;
  if (auto meminfo = read_small("/proc/meminfo")) available = mem_available_from_meminfo(*meminfo);
  auto memory_max = read_small("/sys/fs/cgroup/memory.max");
  auto memory_current = read_small("/sys/fs/cgroup/memory.current");
  if (memory_max && memory_current) {
    if (auto room = cgroup_room(*memory_max, *memory_current)) available = available ? std::min(*available, *room) : *room;
  }
  return available;
}

}  // namespace textra
