// Tokenizer throughput on the French invoice corpus (scripts/make-tokenizer-corpus), for every fixture
// vocabulary, against llama.cpp's llama-tokenize on the same file when a build is at hand
// ($TEXTRA_LLAMA_CPP_BIN, default ../ref/llama.cpp/build/bin). llama-tokenize's time is the run on the
// corpus minus a run on a one-word prompt (model loading), and its ids are compared with ours.
// Times are CPU times (this thread; the child process for llama-tokenize), not wall time: the machines
// this runs on are often shared, and wall time then measures the neighbours.
//   textra-bench-tokenizer [--corpus FILE] [--repeat N]
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <time.h>

#include "base/files.h"
#include "llm/tokenizer/gguf_vocabulary.h"

namespace {

using textra::llm::TokenId;
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double children_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::vector<std::string_view> split_documents(std::string_view corpus) {
  std::vector<std::string_view> docs;
  for (std::size_t pos = 0; pos < corpus.size();) {
    std::size_t end = corpus.find("\f\n", pos);
    if (end == std::string_view::npos) end = corpus.size();
    if (end > pos) docs.push_back(corpus.substr(pos, end - pos));
    pos = end + 2;
  }
  return docs;
}

struct Run {
  bool ok = false;
  double seconds = 0;
  std::string output;
};

Run run_command(const std::string& command) {
  Run run;
  const double start = children_cpu_seconds();
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 1 << 16> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) run.output.append(buffer.data(), n);
  run.ok = pclose(pipe) == 0;
  run.seconds = children_cpu_seconds() - start;
  return run;
}

std::vector<TokenId> parse_id_list(const std::string& text) {
  std::vector<TokenId> ids;
  const char* p = text.c_str();
  while (*p) {
    if ((*p >= '0' && *p <= '9') || *p == '-') {
      char* end = nullptr;
      ids.push_back(static_cast<TokenId>(std::strtol(p, &end, 10)));
      p = end;
    } else {
      ++p;
    }
  }
  return ids;
}

struct LlamaCpp {
  bool available = false;
  double tokens_per_second = 0;
  bool ids_identical = false;
};

// llama-tokenize on the whole corpus file, as one prompt.
LlamaCpp run_llama_cpp(const std::string& bin_dir, const std::string& vocab, const std::string& corpus_path,
                       const std::vector<TokenId>& our_ids) {
  LlamaCpp result;
  const std::string tool = bin_dir + "/llama-tokenize";
  if (!std::filesystem::exists(tool)) return result;
  const std::string base = "LD_LIBRARY_PATH='" + bin_dir + "' '" + tool + "' -m '" + vocab +
                           "' --ids --no-escape --log-disable ";
  Run load_only = run_command(base + "-p x 2>/dev/null");
  Run full = run_command(base + "-f '" + corpus_path + "' 2>/dev/null");
  if (!load_only.ok || !full.ok) return result;
  const std::vector<TokenId> ids = parse_id_list(full.output);
  result.available = true;
  result.tokens_per_second = static_cast<double>(ids.size()) / std::max(1e-9, full.seconds - load_only.seconds);
  result.ids_identical = ids == our_ids;
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus_path = std::string(TEXTRA_BENCH_SOURCE_DIR) + "/build/bench-data/tokenizer-corpus.txt";
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--corpus") corpus_path = argv[i + 1];
    if (arg == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  const char* env_bin = std::getenv("TEXTRA_LLAMA_CPP_BIN");
  const std::string llama_bin = env_bin ? env_bin : std::string(TEXTRA_BENCH_SOURCE_DIR) + "/../ref/llama.cpp/build/bin";
  auto corpus = textra::read_file(corpus_path);
  if (!corpus.is_ok()) {
    std::fprintf(stderr, "%s\n(run scripts/make-tokenizer-corpus first)\n", corpus.status().message().c_str());
    return 1;
  }
  const auto docs = split_documents(*corpus);
  std::printf("corpus: %s, %zu bytes, %zu documents; best of %d runs; CPU time\n\n", corpus_path.c_str(), corpus->size(),
              docs.size(), repeat);
  std::printf("%-10s %8s %9s %11s %10s %12s %12s %10s\n", "vocab", "load ms", "tokens", "bytes/tok",
              "MB/s", "Mtok/s docs", "Mtok/s whole", "llama.cpp");
  std::string summary;
  for (const char* name : {"llama-spm", "phi-3", "gpt-2", "llama-bpe", "qwen2"}) {
    const std::string vocab = std::string(TEXTRA_BENCH_SHARED_DIR) + "/fixtures/tokenizer/ggml-vocab-" + name + ".gguf";
    const double load_start = thread_cpu_seconds();
    auto tok = textra::llm::tokenizer_from_gguf_file(vocab);
    const double load_s = thread_cpu_seconds() - load_start;
    if (!tok.is_ok()) {
      std::printf("%-10s %s\n", name, tok.status().message().c_str());
      continue;
    }
    std::vector<TokenId> ids;
    double best_docs = 1e9, best_whole = 1e9;
    std::size_t doc_tokens = 0;
    for (int r = 0; r < repeat; ++r) {
      ids.clear();
      double start = thread_cpu_seconds();
      for (std::string_view doc : docs) (*tok)->encode(doc, {}, ids);
      best_docs = std::min(best_docs, thread_cpu_seconds() - start);
      doc_tokens = ids.size();
      ids.clear();
      start = thread_cpu_seconds();
      (*tok)->encode(*corpus, {}, ids);
      best_whole = std::min(best_whole, thread_cpu_seconds() - start);
    }
    const LlamaCpp ref = run_llama_cpp(llama_bin, vocab, corpus_path, ids);
    char ref_text[64] = "n/a";
    if (ref.available) {
      std::snprintf(ref_text, sizeof ref_text, "%.2f%s", ref.tokens_per_second / 1e6, ref.ids_identical ? "" : " (ids differ)");
    }
    std::printf("%-10s %8.0f %9zu %11.2f %10.2f %12.2f %12.2f %10s\n", name, load_s * 1e3, doc_tokens,
                static_cast<double>(corpus->size()) / static_cast<double>(ids.size()), corpus->size() / best_whole / 1e6,
                doc_tokens / best_docs / 1e6, ids.size() / best_whole / 1e6, ref_text);
    if (std::string(name) == "llama-bpe") {
      char line[256];
      std::snprintf(line, sizeof line, "llama-bpe: %.2f M tokens/s per document, %.2f M tokens/s whole corpus; llama.cpp %s M tokens/s",
                    doc_tokens / best_docs / 1e6, ids.size() / best_whole / 1e6, ref_text);
      summary = line;
    }
  }
  std::printf("\nllama.cpp column: llama-tokenize from %s (M tokens/s on the whole corpus; n/a = not found)\n",
              llama_bin.c_str());
  std::printf("summary: %s\n", summary.c_str());
  return 0;
}
