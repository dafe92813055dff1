// GGUF load time for a large file: writes a ~1 GiB GGUF with our writer (tensor data streamed, a real
// 128k-token vocabulary copied from a tokenizer file when one is given), then times
//   open (warm)  : map + parse header/metadata/tensor infos, file in the page cache
//   open (cold)  : the same after asking the kernel to drop the file's cached pages
//   touch views  : reading one byte per page of every tensor view (what a first forward pass pays)
//   read() copy  : reading the whole file into memory, what a loader that copies would pay instead
// Usage: bench_gguf [--size-mib N] [--vocab FILE.gguf] [--out /tmp/textra-bench-1g.gguf] [--keep]
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "llm/gguf/gguf_file.h"
#include "llm/gguf/gguf_writer.h"

using namespace textra;
using namespace textra::llm;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void drop_page_cache(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fdatasync(fd);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

// What a loader that copies the weights into memory pays: read() into one buffer of the file's size.
bool read_whole_file(const std::string& path, std::size_t size) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  std::vector<std::uint8_t> buffer(size);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, buffer.data() + done, std::min<std::size_t>(size - done, 8u << 20));
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return done == size;
}

Status write_file_of_size(const std::string& path, std::uint64_t target_bytes, const std::string& vocab_path) {
  GgufWriter writer;
  TEXTRA_RETURN_IF_ERROR(writer.add_metadata("general.architecture", GgufValue::string("llama")));
  if (!vocab_path.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(auto vocab, GgufFile::open(vocab_path));
    for (const auto& kv : vocab->metadata()) {
      if (kv.key.rfind("tokenizer.", 0) == 0) TEXTRA_RETURN_IF_ERROR(writer.add_metadata(kv.key, kv.value));
    }
  }
  // Llama-3.2-1B-like matrices in Q8_0 (2048 x 8192 = 17.8 MB each) until the target size.
  const std::int64_t cols = 2048, rows = 8192;
  const std::uint64_t tensor_bytes = *row_bytes(GgmlType::kQ8_0, cols) * rows;
  for (std::uint64_t i = 0; (i + 1) * tensor_bytes <= target_bytes; ++i) {
    TEXTRA_RETURN_IF_ERROR(writer.add_tensor("blk." + std::to_string(i) + ".ffn_up.weight", GgmlType::kQ8_0,
                                             {cols, rows}));
  }
  TEXTRA_ASSIGN_OR_RETURN(auto stream, writer.begin(path));
  std::vector<std::uint8_t> chunk(1 << 20);
  for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<std::uint8_t>(i * 131 + 7);
  std::uint64_t left = 0;
  for (const auto& t : writer.tensors()) left += t.n_bytes;
  while (left > 0) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
    TEXTRA_RETURN_IF_ERROR(stream->write(std::span(chunk).first(n)));
    left -= n;
  }
  return stream->finish();
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t size_mib = 1024;
  std::string vocab, out = "/tmp/textra-bench-1g.gguf";
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--size-mib" && i + 1 < argc) size_mib = std::stoull(argv[++i]);
    else if (arg == "--vocab" && i + 1 < argc) vocab = argv[++i];
    else if (arg == "--out" && i + 1 < argc) out = argv[++i];
    else if (arg == "--keep") keep = true;
    else {
      std::fprintf(stderr, "usage: bench_gguf [--size-mib N] [--vocab FILE.gguf] [--out PATH] [--keep]\n");
      return 2;
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  if (Status s = write_file_of_size(out, size_mib << 20, vocab); !s.is_ok()) {
    std::fprintf(stderr, "bench_gguf: %s\n", s.message().c_str());
    return 1;
  }
  const double write_ms = ms_since(t0);

  auto timed_open = [&](bool cold, std::size_t* tensors) {
    if (cold) drop_page_cache(out);
    const auto start = std::chrono::steady_clock::now();
    auto file = GgufFile::open(out);
    const double ms = ms_since(start);
    if (!file.is_ok()) {
      std::fprintf(stderr, "bench_gguf: %s\n", file.status().message().c_str());
      std::exit(1);
    }
    *tensors = (*file)->tensors().size();
    return std::make_pair(ms, std::move(file).value());
  };
  std::size_t tensors = 0;
  timed_open(false, &tensors);  // warm the cache
  const double warm_ms = timed_open(false, &tensors).first;
  auto [cold_ms, file] = timed_open(true, &tensors);
  t0 = std::chrono::steady_clock::now();
  std::uint64_t checksum = 0;
  for (const auto& t : file->tensors()) {
    for (std::size_t i = 0; i < t.data.size(); i += 4096) checksum += t.data[i];
  }
  const double touch_ms = ms_since(t0);

  drop_page_cache(out);
  t0 = std::chrono::steady_clock::now();
  const bool copied = read_whole_file(out, file->bytes().size());
  const double read_ms = ms_since(t0);
  const double mib = static_cast<double>(file->bytes().size()) / (1 << 20);

  std::printf("%-34s %12s\n", "step", "ms");
  std::printf("%-34s %12.1f\n", "write (streamed)", write_ms);
  std::printf("%-34s %12.2f\n", "open, warm (map + parse)", warm_ms);
  std::printf("%-34s %12.2f\n", "open, cold (map + parse)", cold_ms);
  std::printf("%-34s %12.1f\n", "touch every page of the views", touch_ms);
  std::printf("%-34s %12.1f\n", "read() whole file, cold (baseline)", read_ms);
  std::printf("summary: %.0f MiB GGUF, %zu tensors, %zu metadata keys: open %.2f ms warm / %.2f ms cold vs "
              "%.0f ms to read the file (checksum %llu)\n",
              mib, tensors, file->metadata().size(), warm_ms, cold_ms, read_ms,
              static_cast<unsigned long long>(checksum % 1000 + (copied ? 0 : 1)));
  if (!keep) std::remove(out.c_str());
  return 0;
}
