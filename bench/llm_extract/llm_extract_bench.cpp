// bench_llm_extract: the full sweep that CONTRACTS.md keeps out of CI. Every document of ../shared/data goes
// through the embedded LLM engine with each chat model given (default: the tiny chat fixtures, random
// weights with real Phi-3 and Llama 3 vocabularies), and every raw answer is checked: it must parse and
// satisfy the request's JSON Schema (fields/json_schema_check, independent of the grammar that produced
// it). CI runs 3 documents per fixture model (tests/extract); this runs all of them.
//   SROIE receipts: their ground-truth words (box/*.csv, no OCR), receipt schema, English prompt;
//   French invoices: OCR'd once (textra's OCR, -j 2, auto preprocessing), invoice schema, French prompt.
// There is no side-by-side tool: no other local runner guarantees schema-valid answers from these models.
//   bench_llm_extract [--limit N] [--no-receipts] [--no-invoices] [--threads N] [--max-tokens N] [--no-prompt-cache]
//                     [--no-jump-forward] [--draft-tokens N] [--answers FILE.jsonl] [--ocr-cache DIR]
//                     [--prompt-parts] [--free-token] [MODEL.gguf ...]
// --prompt-parts prints the tokens of each part of the prompt per model and schema, and generates nothing.
// --free-token (with --no-jump-forward, no drafts): after each model's sweep, the same process measures
// `bench-llm`'s generation (tg) at the sweep's mean prompt length, and prints what a free token costs inside
// extraction (generation time, grammar mask and sampling included, per forward pass) against it: issue 14's
// "at most 1.1x bench-llm at the same context length", side by side in one run.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/files.h"
#include "base/shared_paths.h"
#include "extract/llm_engine.h"
#include "extract/llm_prompt.h"
#include "fields/builtin_schemas.h"
#include "fields/json_schema_check.h"
#include "llm/model/throughput.h"
#include "llm/runner/loaded_model.h"
#include "ner/sroie.h"
#include "ocr/batch.h"
#include "ocr/ocr_cache.h"

namespace fs = std::filesystem;
using namespace textra;

namespace {

struct Args {
  std::size_t limit = 0;  // documents per set (0 = all)
  bool receipts = true;
  bool invoices = true;
  int threads = 2;
  int max_tokens = 1024;  // the engine's default answer budget
  bool prompt_cache = true;
  bool jump_forward = true;
  int draft_tokens = 0;  // prompt-lookup drafts (0: off)
  bool prompt_parts = false;
  bool free_token = false;
  std::string answers_path;  // --answers FILE: one line per answer (model, document, text) to compare runs
  std::string ocr_cache;     // --ocr-cache DIR: the invoices' OCR kept between runs
  std::vector<std::string> models;
};

struct Case {
  doc::Document document;
  std::string schema;    // "receipt" or "invoice"
  std::string language;  // prompt language
};

struct Row {
  std::string model;
  std::size_t documents = 0, parsed = 0, schema_valid = 0, errors = 0;
  double prompt_tokens = 0, generated_tokens = 0, ms = 0;
  double cached_tokens = 0, forced_tokens = 0, drafted_tokens = 0, accepted_tokens = 0, generation_passes = 0;
  std::vector<double> prompt_ms, generation_ms;  // per answered document, in order
  std::string first_problem;
};

struct MeanSd {
  double mean = 0, sd = 0;
};

MeanSd mean_sd(const std::vector<double>& values) {
  MeanSd out;
  if (values.empty()) return out;
  for (double v : values) out.mean += v;
  out.mean /= static_cast<double>(values.size());
  for (double v : values) out.sd += (v - out.mean) * (v - out.mean);
  out.sd = values.size() > 1 ? std::sqrt(out.sd / static_cast<double>(values.size() - 1)) : 0;
  return out;
}

std::vector<fs::path> sorted_files(const fs::path& dir, std::size_t limit) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (limit > 0 && files.size() > limit) files.resize(limit);
  return files;
}

std::vector<Case> sroie_cases(const std::string& shared, std::size_t limit) {
  std::vector<Case> cases;
  for (const fs::path& csv_path : sorted_files(fs::path(shared) / "data/sroie/box", limit)) {
    auto csv = read_file(csv_path.string());
    auto page = csv.is_ok() ? ner::parse_sroie_boxes(*csv, csv_path.filename().string()) : Result<doc::Page>(csv.status());
    if (!page.is_ok()) {
      std::fprintf(stderr, "  skipped %s: %s\n", csv_path.c_str(), page.status().message().c_str());
      continue;
    }
    doc::Document document;
    document.file = csv_path.filename().string();
    document.pages.push_back(std::move(*page));
    cases.push_back({std::move(document), "receipt", "en"});
  }
  return cases;
}

// The OCR of an invoice image, from `ocr_cache` (IMAGE-STEM.json, as `textra ocr -f json -o DIR` writes) when
// it is there; else recognised and, with a cache folder, written there for the next run.
std::vector<Case> invoice_cases(const std::string& shared, std::size_t limit, const std::string& ocr_cache) {
  std::vector<fs::path> images = sorted_files(fs::path(shared) / "data/invoices-fr/img", limit);
  const ocr::OcrCache cache(ocr_cache);
  std::vector<std::optional<doc::Document>> documents(images.size());
  std::vector<std::string> to_recognise;
  std::vector<std::size_t> recognised_index;
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (auto cached = cache.find(images[i].string())) {
      if (cached->is_ok()) {
        documents[i] = std::move(*cached).value();
        continue;
      }
      std::fprintf(stderr, "  %s\n", cached->status().message().c_str());
    }
    to_recognise.push_back(images[i].string());
    recognised_index.push_back(i);
  }
  std::mutex mutex;
  ocr::ocr_files(to_recognise, ocr::OcrOptions{}, 2, [&](std::size_t k, Result<doc::Document> result) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!result.is_ok()) {
      std::fprintf(stderr, "  OCR failed: %s\n", result.status().message().c_str());
      return;
    }
    const std::size_t i = recognised_index[k];
    if (Status stored = cache.store(images[i].string(), *result); !stored.is_ok()) {
      std::fprintf(stderr, "  %s\n", stored.message().c_str());
    }
    documents[i] = std::move(*result);
  });
  std::vector<Case> done;
  for (auto& document : documents) {
    if (document) done.push_back({std::move(*document), "invoice", "fr"});
  }
  return done;
}

// One engine per prompt language (the engine's option); the model file is mapped, so they share its pages.
Result<extract::LlmEngine*> engine_for(std::map<std::string, std::unique_ptr<extract::LlmEngine>>& engines,
                                        const std::string& model_path, const std::string& language, const Args& args) {
  auto& engine = engines[language];
  if (!engine) {
    extract::EmbeddedOptions options;
    options.threads = args.threads;
    options.prompt_cache = args.prompt_cache;
    options.jump_forward = args.jump_forward;
    options.draft_tokens = args.draft_tokens;
    TEXTRA_ASSIGN_OR_RETURN(auto backend, extract::make_embedded_backend(model_path, options));
    engine = std::make_unique<extract::LlmEngine>(
        std::move(backend), extract::LlmEngineOptions{.language = language, .max_tokens = args.max_tokens});
  }
  return engine.get();
}

Row sweep(const std::string& model_path, const std::vector<Case>& cases, const Args& args, std::FILE* answers) {
  Row row;
  row.model = fs::path(model_path).filename().string();
  std::map<std::string, std::unique_ptr<extract::LlmEngine>> engines;
  for (const Case& c : cases) {
    ++row.documents;
    std::string problem;
    auto engine_or = engine_for(engines, model_path, c.language, args);
    if (!engine_or.is_ok()) {
      row.errors += cases.size() - row.documents + 1;
      row.first_problem = engine_or.status().message();
      return row;
    }
    extract::LlmEngine* engine = *engine_or;
    auto schema = fields::builtin_schema(c.schema);
    auto start = std::chrono::steady_clock::now();
    extract::LlmRequest request = engine->request_for(c.document, *schema);
    auto answer = engine->backend().complete(request);
    row.ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!answer.is_ok()) {
      ++row.errors;
      problem = answer.status().message();
    } else {
      row.prompt_tokens += static_cast<double>(answer->prompt_tokens);
      row.generated_tokens += static_cast<double>(answer->generated_tokens);
      row.cached_tokens += static_cast<double>(answer->cached_tokens);
      row.forced_tokens += static_cast<double>(answer->forced_tokens);
      row.drafted_tokens += static_cast<double>(answer->drafted_tokens);
      row.accepted_tokens += static_cast<double>(answer->accepted_tokens);
      row.generation_passes += static_cast<double>(answer->generation_passes);
      row.prompt_ms.push_back(answer->prompt_ms);
      row.generation_ms.push_back(answer->generation_ms);
      fields::Json value = fields::Json::parse(answer->text, nullptr, false);
      if (!value.is_discarded()) {
        ++row.parsed;
        problem = fields::json_schema_violation(value, request.json_schema);
        if (problem.empty()) ++row.schema_valid;
      } else {
        problem = "does not parse: " + answer->text.substr(0, 80);
      }
    }
    if (!problem.empty() && row.first_problem.empty()) row.first_problem = c.document.file + ": " + problem;
    if (answers != nullptr && answer.is_ok()) {
      std::fprintf(answers, "%s\n", fields::Json({row.model, c.document.file, answer->text}).dump().c_str());
    }
  }
  return row;
}

// Per model: the engine's counters (means per answered document) and the prompt time of the first document
// (which fills the prompt cache unless a cache file exists) against the later ones (which reuse it).
void print_counters(const std::vector<Row>& rows) {
  std::printf("\n| model | prompt | cached | generated | forced | drafted | accepted | passes | prompt ms, doc 1 | "
              "prompt ms, docs 2.. (mean ± sd) | generation ms (mean ± sd) |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (const Row& row : rows) {
    const double n = std::max<std::size_t>(1, row.prompt_ms.size());
    const double first = row.prompt_ms.empty() ? 0 : row.prompt_ms.front();
    const MeanSd later = mean_sd(row.prompt_ms.size() > 1 ? std::vector<double>(row.prompt_ms.begin() + 1, row.prompt_ms.end())
                                                          : std::vector<double>{});
    const MeanSd generation = mean_sd(row.generation_ms);
    std::printf("| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f ± %.0f | %.0f ± %.0f |\n",
                row.model.c_str(), row.prompt_tokens / n, row.cached_tokens / n, row.generated_tokens / n,
                row.forced_tokens / n, row.drafted_tokens / n, row.accepted_tokens / n, row.generation_passes / n, first,
                later.mean, later.sd, generation.mean, generation.sd);
  }
}

// --free-token: a generation pass inside extraction (one sampled token: the forward pass, the grammar's mask,
// sampling, detokenisation) against `bench-llm`'s tg at the sweep's mean prompt length, in this process on the
// same weights. Attention grows linearly with the context, so the mean prompt length gives the mean cost.
bool print_free_token(const std::string& model_path, const Row& row, const Args& args) {
  double generation_ms = 0;
  for (double ms : row.generation_ms) generation_ms += ms;
  const double answers = static_cast<double>(std::max<std::size_t>(1, row.generation_ms.size()));
  if (row.generation_passes < 1) return true;
  auto loaded = llm::load_model(model_path);
  if (!loaded.is_ok()) {
    std::fprintf(stderr, "%s: %s\n", model_path.c_str(), loaded.status().message().c_str());
    return false;
  }
  llm::ThroughputOptions options;
  options.n_prompt = 0;
  options.n_gen = std::max<int64_t>(1, std::llround(row.generation_passes / answers));
  options.depth = std::llround(row.prompt_tokens / answers);
  options.threads = args.threads;
  options.repetitions = 3;
  auto tg = llm::measure_throughput(*loaded->model, options);
  if (!tg.is_ok()) {
    std::fprintf(stderr, "%s: %s\n", model_path.c_str(), tg.status().message().c_str());
    return false;
  }
  const double extraction = generation_ms / row.generation_passes;
  const double bench = 1e3 / tg->tg.mean;
  std::printf("| %s | %.0f | %.0f | %.2f | %.2f (%.1f ± %.1f t/s) | %.3fx |\n", row.model.c_str(),
              static_cast<double>(options.depth), row.generation_passes, extraction, bench, tg->tg.mean, tg->tg.stddev,
              extraction / bench);
  return true;
}

// --prompt-parts: the mean tokens of each part of the prompt (extract/llm_prompt.h) per schema, counted with
// the model's tokenizer as plain text; "template" is what the chat template and the joins between the parts
// add to the rendered prompt.
bool print_prompt_parts(const std::string& model_path, const std::vector<Case>& cases, const Args& args) {
  auto loaded = llm::load_model(model_path);
  auto family = loaded.is_ok() ? loaded->chat_family() : Result<llm::ChatFamily>(loaded.status());
  if (!family.is_ok() || loaded->tokenizer == nullptr) {
    std::fprintf(stderr, "%s: %s\n", model_path.c_str(), family.is_ok() ? "no vocabulary" : family.status().message().c_str());
    return false;
  }
  auto count = [&](const std::string& text, bool special) {
    return static_cast<double>(loaded->tokenizer->encode(text, {.add_special = special, .parse_special = special}).size());
  };
  struct Sums {
    double documents = 0, instructions = 0, rules = 0, schema = 0, document = 0, whole = 0;
  };
  std::map<std::string, Sums> by_schema;
  std::map<std::string, std::unique_ptr<extract::LlmEngine>> engines;
  for (const Case& c : cases) {
    auto engine = engine_for(engines, model_path, c.language, args);
    auto schema = fields::builtin_schema(c.schema);
    if (!engine.is_ok() || !schema.is_ok()) return false;
    const extract::LlmRequest request = (*engine)->request_for(c.document, *schema);
    const extract::LlmPromptParts fixed = extract::llm_prompt_parts(*schema, "", c.language);
    Sums& sums = by_schema[c.schema + " (" + c.language + ")"];
    sums.documents += 1;
    sums.instructions += count(fixed.instructions, false);
    sums.rules += count(fixed.rules, false);
    sums.schema += count(fixed.schema, false);
    sums.document += count(request.messages.back().content, false);
    sums.whole += count(llm::render_chat(*family, request.messages), true);
  }
  std::printf("\n| model | schema | documents | instructions | rules | schema | document (mean) | template | prompt (mean) |\n");
  std::printf("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (const auto& [name, s] : by_schema) {
    const double n = s.documents;
    std::printf("| %s | %s | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f |\n", fs::path(model_path).filename().c_str(),
                name.c_str(), n, s.instructions / n, s.rules / n, s.schema / n, s.document / n,
                (s.whole - s.instructions - s.rules - s.schema - s.document) / n, s.whole / n);
  }
  return true;
}

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : "0"; };
    if (a == "--limit") args.limit = std::stoul(value());
    else if (a == "--no-receipts") args.receipts = false;
    else if (a == "--no-invoices") args.invoices = false;
    else if (a == "--threads") args.threads = std::stoi(value());
    else if (a == "--max-tokens") args.max_tokens = std::stoi(value());
    else if (a == "--no-prompt-cache") args.prompt_cache = false;
    else if (a == "--no-jump-forward") args.jump_forward = false;
    else if (a == "--draft-tokens") args.draft_tokens = std::stoi(value());
    else if (a == "--answers") args.answers_path = value();
    else if (a == "--ocr-cache") args.ocr_cache = value();
    else if (a == "--prompt-parts") args.prompt_parts = true;
    else if (a == "--free-token") args.free_token = true;
    else if (!a.empty() && a[0] != '-') args.models.push_back(a);
    else {
      std::fprintf(stderr, "usage: bench_llm_extract [--limit N] [--no-receipts] [--no-invoices] [--threads N] [--max-tokens N] [--no-prompt-cache] "
                   "[--no-jump-forward] [--draft-tokens N] [--answers FILE] [--ocr-cache DIR] [--prompt-parts] [--free-token] "
                   "[MODEL.gguf ...]\n");
      return false;
    }
  }
  if (args.free_token && (args.jump_forward || args.draft_tokens > 0)) {
    // A pass must carry one sampled token for its time to be a free token's.
    std::fprintf(stderr, "bench_llm_extract: --free-token needs --no-jump-forward and no --draft-tokens\n");
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) return 2;
  const std::string shared = shared_dir();
  if (shared.empty()) {
    std::fprintf(stderr, "bench_llm_extract: the shared data folder was not found (set TEXTRA_SHARED)\n");
    return 1;
  }
  if (args.models.empty()) {
    for (const char* name : {"tiny-phi3-chat-q8_0.gguf", "tiny-llama3-chat-q8_0.gguf"}) {
      args.models.push_back(shared + "/fixtures/llm/" + name);
    }
  }
  std::vector<Case> cases = args.receipts ? sroie_cases(shared, args.limit) : std::vector<Case>{};
  const std::size_t receipts = cases.size();
  if (args.invoices) {
    std::fprintf(stderr, "bench_llm_extract: OCR of the invoices...\n");
    for (Case& c : invoice_cases(shared, args.limit, args.ocr_cache)) cases.push_back(std::move(c));
  }
  if (args.prompt_parts) {
    bool ok = true;
    for (const std::string& model : args.models) ok = print_prompt_parts(model, cases, args) && ok;
    return ok ? 0 : 1;
  }
  std::printf("bench_llm_extract: %zu SROIE receipts (ground-truth words) + %zu French invoices (OCR), "
              "max %d tokens, %d threads\n\n", receipts, cases.size() - receipts, args.max_tokens, args.threads);
  std::printf("| model | documents | parse | match schema | errors | prompt tokens | answer tokens | ms/doc |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  std::size_t total = 0, valid = 0;
  std::vector<std::string> problems;
  std::vector<Row> rows;
  std::FILE* answers = args.answers_path.empty() ? nullptr : std::fopen(args.answers_path.c_str(), "w");
  for (const std::string& model : args.models) {
    Row row = sweep(model, cases, args, answers);
    const double n = std::max<double>(1, static_cast<double>(row.documents));
    std::printf("| %s | %zu | %zu | %zu | %zu | %.0f | %.0f | %.0f |\n", row.model.c_str(), row.documents, row.parsed,
                row.schema_valid, row.errors, row.prompt_tokens / n, row.generated_tokens / n, row.ms / n);
    std::fflush(stdout);
    total += cases.size();
    valid += row.schema_valid;
    if (!row.first_problem.empty()) problems.push_back(row.model + ": " + row.first_problem);
    rows.push_back(std::move(row));
  }
  print_counters(rows);
  bool free_token_ok = true;
  if (args.free_token) {
    std::printf("\n| model | context (mean prompt) | passes, all answers | extraction ms a pass | bench-llm tg ms a token | ratio |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (std::size_t m = 0; m < rows.size(); ++m) free_token_ok = print_free_token(args.models[m], rows[m], args) && free_token_ok;
  }
  if (answers != nullptr) std::fclose(answers);
  for (const std::string& p : problems) std::printf("\nfirst problem, %s", p.c_str());
  std::printf("\nsummary: %zu/%zu answers parse and match the schema (%zu models x %zu documents)\n", valid, total,
              args.models.size(), cases.size());
  return valid == total && free_token_ok ? 0 : 1;
}
