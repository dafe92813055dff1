// bench_llm_server: textra's side of the comparison with llama.cpp's server (llm_server_bench.py runs both).
// One process, one embedded engine, the documents one after the other, as `textra extract --engine llm`
// runs a batch (the prompt cache fills on the first document and serves the later ones). For each document
// it first writes what llama-server must be sent to answer the same question: the exact prompt text textra
// renders (chat template applied; BOS left to the tokenizer, as llama.cpp adds it) and the request's JSON
// Schema. Then it times the engine's request (layout text -> prompt -> constrained answer) and prints one
// JSON line: the wall time, the engine's counters and whether the answer parses and matches the schema.
//   bench_llm_server -m MODEL.gguf --prompts DIR [--threads N] [--max-tokens N] [--ctx N] [--language fr|en]
//                    [--schema invoice] [--no-prompt-cache] [--draft-tokens N] [--stepped] DOCUMENT.json...
// DOCUMENT.json: textra document JSON (`textra ocr -f json`), so no OCR runs in the timed process.
// --stepped: wait for a line on standard input before each document, so that the driver can run llama-server's
// answer to the same document in between and both sides see the same load on a shared machine.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "base/files.h"
#include "doc/json.h"
#include "extract/llm_engine.h"
#include "fields/json_schema_check.h"
#include "fields/schema.h"
#include "llm/chat/chat_template.h"
#include "llm/gguf/gguf_file.h"

namespace fs = std::filesystem;
using namespace textra;

namespace {

struct Args {
  std::string model;
  std::string prompts_dir;
  int threads = 2;
  int max_tokens = 256;
  std::int64_t n_ctx = 4096;
  std::string language = "fr";
  std::string schema = "invoice";
  bool prompt_cache = true;
  int draft_tokens = 0;  // prompt-lookup drafts, as `textra extract --draft-tokens` (0: off, its default)
  bool stepped = false;
  std::vector<std::string> documents;
};

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of the process, all threads: on a machine shared with other jobs it moves less than wall time.
double process_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000 + static_cast<double>(t.tv_usec) / 1000; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// The chat template family the embedded engine renders with (ChatRunner uses the same metadata key).
Result<llm::ChatFamily> chat_family(const std::string& model_path) {
  TEXTRA_ASSIGN_OR_RETURN(auto file, llm::GgufFile::open(model_path));
  TEXTRA_ASSIGN_OR_RETURN(std::string template_text, file->get_string_or("tokenizer.chat_template", ""));
  return llm::detect_chat_family(template_text);
}

Status write_server_request(const fs::path& path, const std::string& prompt, const extract::LlmRequest& request) {
  const fields::Json body = {{"prompt", prompt}, {"json_schema", request.json_schema}, {"n_predict", request.max_tokens}};
  return write_file(path.string(), body.dump());
}

// One line on standard input; false at its end.
bool wait_for_go() {
  for (int c = std::getchar(); c != '\n'; c = std::getchar()) {
    if (c == EOF) return false;
  }
  return true;
}

int run(const Args& args) {
  auto family = chat_family(args.model);
  auto schema = fields::builtin_schema(args.schema);
  if (!family.is_ok() || !schema.is_ok()) {
    std::fprintf(stderr, "bench_llm_server: %s\n",
                 (family.is_ok() ? schema.status() : family.status()).message().c_str());
    return 2;
  }
  auto load_start = std::chrono::steady_clock::now();
  extract::EmbeddedOptions options;
  options.threads = args.threads;
  options.n_ctx = args.n_ctx;
  options.prompt_cache = args.prompt_cache;
  options.draft_tokens = args.draft_tokens;
  auto backend = extract::make_embedded_backend(args.model, options);
  if (!backend.is_ok()) {
    std::fprintf(stderr, "bench_llm_server: %s\n", backend.status().message().c_str());
    return 1;
  }
  const extract::LlmEngine engine(std::move(*backend), {.language = args.language, .max_tokens = args.max_tokens});
  std::printf("%s\n", fields::Json({{"load_ms", ms_since(load_start)}}).dump().c_str());
  std::fflush(stdout);

  int failures = 0;
  for (std::size_t i = 0; i < args.documents.size(); ++i) {
    if (args.stepped && !wait_for_go()) break;
    const std::string& path = args.documents[i];
    fields::Json line = {{"document", fs::path(path).filename().string()}};
    auto document = doc::read_document_file(path);
    if (!document.is_ok()) {
      line["error"] = document.status().message();
    } else {
      // The request is built outside the timing once, for the server's copy; the timed call builds it again.
      const extract::LlmRequest request = engine.request_for(*document, *schema);
      char name[32];
      std::snprintf(name, sizeof name, "%02zu.json", i + 1);
      const Status written =
          write_server_request(fs::path(args.prompts_dir) / name, llm::render_chat(*family, request.messages), request);
      if (!written.is_ok()) {
        std::fprintf(stderr, "bench_llm_server: %s\n", written.message().c_str());
        return 1;
      }
      const double cpu_start = process_cpu_ms();
      auto start = std::chrono::steady_clock::now();
      auto answer = engine.backend().complete(engine.request_for(*document, *schema));
      line["ms"] = ms_since(start);
      line["cpu_ms"] = process_cpu_ms() - cpu_start;
      if (!answer.is_ok()) {
        line["error"] = answer.status().message();
      } else {
        const fields::Json value = fields::Json::parse(answer->text, nullptr, false);
        line["parses"] = !value.is_discarded();
        line["schema_valid"] = !value.is_discarded() && fields::json_schema_violation(value, request.json_schema).empty();
        line["prompt_tokens"] = answer->prompt_tokens;
        line["cached_tokens"] = answer->cached_tokens;
        line["forced_tokens"] = answer->forced_tokens;
        line["drafted_tokens"] = answer->drafted_tokens;
        line["accepted_tokens"] = answer->accepted_tokens;
        line["generated_tokens"] = answer->generated_tokens;
        line["generation_passes"] = answer->generation_passes;
        line["prompt_ms"] = answer->prompt_ms;
        line["generation_ms"] = answer->generation_ms;
        line["answer"] = answer->text;
      }
    }
    if (line.contains("error") || !line.value("schema_valid", false)) ++failures;
    std::printf("%s\n", line.dump().c_str());
    std::fflush(stdout);
  }
  return failures == 0 ? 0 : 1;
}

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--no-prompt-cache") {
      args.prompt_cache = false;
    } else if (a == "--stepped") {
      args.stepped = true;
    } else if (a == "-m" || a == "--prompts" || a == "--threads" || a == "--max-tokens" || a == "--ctx" ||
               a == "--language" || a == "--schema" || a == "--draft-tokens") {
      if ((v = value()) == nullptr) return false;
      if (a == "-m") args.model = v;
      if (a == "--prompts") args.prompts_dir = v;
      if (a == "--threads") args.threads = std::atoi(v);
      if (a == "--max-tokens") args.max_tokens = std::atoi(v);
      if (a == "--ctx") args.n_ctx = std::atoll(v);
      if (a == "--language") args.language = v;
      if (a == "--schema") args.schema = v;
      if (a == "--draft-tokens") args.draft_tokens = std::atoi(v);
    } else if (!a.empty() && a[0] == '-') {
      return false;
    } else {
      args.documents.push_back(a);
    }
  }
  return !args.model.empty() && !args.prompts_dir.empty() && !args.documents.empty() && args.threads > 0 &&
         args.max_tokens >= 16 && args.n_ctx >= 256 && args.draft_tokens >= 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr,
                 "usage: bench_llm_server -m MODEL.gguf --prompts DIR [--threads N] [--max-tokens N] [--ctx N]\n"
                 "                        [--language fr|en] [--schema invoice] [--no-prompt-cache] [--draft-tokens N] [--stepped]\n"
                 "                        DOCUMENT.json...\n");
    return 2;
  }
  std::error_code ec;
  fs::create_directories(args.prompts_dir, ec);
  return run(args);
}
