// `textra extract FILE...`: ingest -> OCR -> extraction engine -> result JSON (CONTRACTS.md) per file.
// The default engine is the embedded NER model shipped for the schema (docs/ner.md). Inputs whose text
// is already known skip OCR: a textra document JSON (`textra ocr -f json`) or a SROIE box CSV.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include "base/csv.h"
#include "base/files.h"
#include "cli/command.h"
#include "cli/ocr_engine_option.h"
#include "cli/output_files.h"
#include "cli/progress.h"
#include "doc/json.h"
#include "extract/auto_schema.h"
#include "extract/llm_engine.h"
#include "fields/annotate/annotate.h"
#include "fields/flat_values.h"
#include "ingest/page_image.h"
#include "extract/ner_engine.h"
#include "fields/schema.h"
#include "ner/sroie.h"
#include "ocr/batch.h"

namespace textra::cli {
namespace {

namespace fs = std::filesystem;

struct ExtractArgs {
  std::vector<std::string> files;
  std::string engine = "ner";
  std::string schema = "auto";
  std::string fields;
  std::string ner_model;
  std::string output;
  std::string format = "json";
  std::size_t jobs = 0;
  std::string languages = "fra+eng";
  ocr::EngineKind ocr_engine = ocr::EngineOptions{}.kind;
  // --engine llm
  std::string gguf;         // -m FILE.gguf
  std::string ollama_url;   // --ollama URL
  std::string openai_url;   // --openai URL
  std::string model_name;   // --model NAME (with --ollama/--openai; alone: an Ollama model run embedded)
  std::string doc_language = "fr";
  int max_tokens = 1024;
  int64_t n_ctx = 4096;
  int threads = 0;
  bool no_prompt_cache = false;  // --no-prompt-cache
  std::string annotate_dir;  // --annotate DIR: page PNGs with the fields' boxes
};

// A document whose words are already known, or nullopt when the file must go through OCR.
Result<std::optional<doc::Document>> read_recognised(const std::string& path) {
  if (fs::path(path).extension() != ".json" && fs::path(path).extension() != ".csv") return std::optional<doc::Document>();
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, 64u << 20));
  if (fs::path(path).extension() == ".json") {
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) return corrupt(path + ": not JSON");
    auto document = doc::document_from_json(json);
    if (!document.is_ok()) return document.status().with_context(path);
    if (document->file.empty()) document->file = path;
    return std::optional<doc::Document>(std::move(document).value());
  }
  TEXTRA_ASSIGN_OR_RETURN(doc::Page page, ner::parse_sroie_boxes(text, path));
  doc::Document document;
  document.file = path;
  document.type = "text/csv";
  document.pages.push_back(std::move(page));
  return std::optional<doc::Document>(std::move(document));
}

std::string render(const fields::Extraction& result, const std::string& format, bool csv_header) {
  if (format == "json") return fields::to_json(result).dump(2) + "\n";
  if (format == "jsonl") return fields::to_json(result).dump() + "\n";
  std::vector<std::string> head{"file"}, row{result.file};
  for (auto& [path, text] : fields::flat_values(fields::plain_values(result.fields), fields::ArrayCells::kAsJson)) {
    head.push_back(path);
    row.push_back(text);
  }
  return (csv_header ? csv_row(head) : "") + csv_row(row);
}

Result<std::unique_ptr<extract::LlmBackend>> make_llm_backend(const ExtractArgs& args) {
  if (!args.ollama_url.empty()) return extract::make_ollama_backend(args.ollama_url, args.model_name);
  if (!args.openai_url.empty()) return extract::make_openai_backend(args.openai_url, args.model_name);
  std::string path = args.gguf;
  if (path.empty() && !args.model_name.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(path, extract::resolve_ollama_model(args.model_name));
  }
  if (path.empty()) {
    return invalid_argument("--engine llm needs -m FILE.gguf, --model NAME (an Ollama model), "
                            "--ollama URL --model NAME or --openai URL --model NAME");
  }
  return extract::make_embedded_backend(
      path, {.threads = args.threads, .n_ctx = args.n_ctx, .prompt_cache = !args.no_prompt_cache});
}

Result<std::unique_ptr<extract::Engine>> make_engine(const ExtractArgs& args, const fields::Schema& schema) {
  if (args.engine == "llm") {
    TEXTRA_ASSIGN_OR_RETURN(auto backend, make_llm_backend(args));
    extract::LlmEngineOptions options{.language = args.doc_language, .max_tokens = args.max_tokens};
    return std::unique_ptr<extract::Engine>(new extract::LlmEngine(std::move(backend), options));
  }
  if (args.engine != "ner") return invalid_argument("--engine " + args.engine + ": use ner or llm");
  std::string model = args.ner_model;
  if (model.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(model, extract::default_ner_model(schema.name));
  }
  TEXTRA_ASSIGN_OR_RETURN(auto engine, extract::NerEngine::load(model));
  return std::unique_ptr<extract::Engine>(std::move(engine));
}

// What a run extracts with: the --schema given and its engine, or with --schema auto the invoice and
// receipt schemas chosen per document by its detected type (extract/auto_schema.h). One engine serves
// both for --engine llm; a given --ner-model fixes the schema to its labels' and the type is only reported.
struct Extractors {
  extract::SchemaEngine primary;
  std::optional<extract::SchemaEngine> receipt;
  bool detect = false;

  Result<fields::Extraction> extract(const doc::Document& document) const {
    if (!detect) return primary.engine->extract(document, primary.schema);
    return extract::extract_auto(document, primary, receipt ? &*receipt : nullptr);
  }
};

Result<Extractors> make_extractors(const ExtractArgs& args) {
  bool detect = args.schema == "auto" && args.fields.empty();
  std::string first = detect ? "invoice" : args.schema;
  if (detect && args.engine == "ner" && !args.ner_model.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(auto model, extract::NerEngine::load(args.ner_model));
    std::string labels = model->label_set_name();
    first = labels == "receipt" ? labels : "invoice";
    TEXTRA_ASSIGN_OR_RETURN(fields::Schema schema, fields::resolve_schema(first, ""));
    return Extractors{{std::move(schema), std::move(model)}, std::nullopt, true};
  }
  TEXTRA_ASSIGN_OR_RETURN(fields::Schema schema, fields::resolve_schema(first, args.fields));
  TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const extract::Engine> engine, make_engine(args, schema));
  Extractors out{{std::move(schema), engine}, std::nullopt, detect};
  if (detect) {
    TEXTRA_ASSIGN_OR_RETURN(fields::Schema receipt, fields::builtin_schema("receipt"));
    std::shared_ptr<const extract::Engine> receipt_engine = engine;
    if (args.engine == "ner") {
      TEXTRA_ASSIGN_OR_RETURN(receipt_engine, make_engine(args, receipt));
    }
    out.receipt = extract::SchemaEngine{std::move(receipt), std::move(receipt_engine)};
  }
  return out;
}

// Results in input order: to stdout as each one's predecessors are done, or to -o (a file for one input,
// a directory of INPUT-STEM.EXT for several).
class ResultWriter {
 public:
  explicit ResultWriter(const ExtractArgs& args) : args_(args), pending_(args.files.size()) {
    if (args.files.size() > 1 && !args.output.empty()) {
      paths_ = output_paths(args.files, args.output, args.format == "jsonl" ? ".jsonl" : "." + args.format);
    }
  }

  Status deliver(std::size_t index, std::optional<std::string> text) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_[index] = text.value_or("");
    Status status;
    while (next_ < pending_.size() && pending_[next_].has_value()) {
      if (!pending_[next_]->empty()) {
        Status s = write(next_, *pending_[next_]);
        if (status.is_ok()) status = s;
      }
      pending_[next_].reset();
      ++next_;
    }
    return status;
  }

 private:
  Status write(std::size_t index, const std::string& text) {
    if (args_.output.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
      return Status::ok();
    }
    if (paths_.empty()) return write_file(args_.output, text);
    TEXTRA_RETURN_IF_ERROR(create_output_directory(args_.output));
    return write_file(paths_[index], text);
  }

  const ExtractArgs& args_;
  std::mutex mutex_;
  std::vector<std::optional<std::string>> pending_;
  std::size_t next_ = 0;
  std::vector<std::string> paths_;  // -o directory with several inputs: one path per input
};

// --annotate: every page of the input with the boxes of the values read on it (fields/annotate).
Status annotate(const std::string& path, const doc::Document& document, const fields::Extraction& result,
                const std::string& dir) {
  std::vector<imaging::Image> pages;
  for (std::size_t i = 0; i < document.pages.size(); ++i) {
    auto image = ingest::page_image(path, static_cast<int>(i));
    if (!image.is_ok()) return image.status().with_context("--annotate");  // e.g. a box CSV has no image
    pages.push_back(std::move(image).value());
  }
  auto written = fields::write_annotated_pages(dir, fs::path(path).stem().string(), pages, document, result);
  return written.status();
}

int run_extract(const ExtractArgs& args) {
  auto extractors = make_extractors(args);
  if (!extractors.is_ok()) {
    std::fprintf(stderr, "textra extract: %s\n", extractors.status().message().c_str());
    return kExitUsage;
  }
  ResultWriter writer(args);
  ProgressBar progress(args.files.size(), "files");
  std::atomic<bool> any_failed{false};
  std::atomic<bool> csv_header_due{true};
  std::vector<double> ocr_ms;  // per OCR'd file (ocr_files fills it); inputs already recognised have none
  auto finish = [&](std::size_t index, Result<doc::Document> document, std::optional<double> recognition_ms) {
    std::optional<std::string> text;
    Status status = document.status();
    if (status.is_ok()) {
      const auto start = std::chrono::steady_clock::now();
      auto result = extractors->extract(*document);
      status = result.status();
      if (result.is_ok()) {
        // Stages in order, as the server reports them: OCR, then the whole extraction (engine sub-stages
        // such as llm_prompt/llm_generation come before, from the engine).
        if (recognition_ms) result->add_timing("ocr", *recognition_ms);
        result->add_timing("extract",
                           std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        // One CSV header on stdout; every CSV file under -o DIR gets its own.
        bool header = args.format == "csv" && (!args.output.empty() || csv_header_due.exchange(false));
        text = render(*result, args.format, header);
        if (!args.annotate_dir.empty()) status = annotate(args.files[index], *document, *result, args.annotate_dir);
      }
    }
    Status written = writer.deliver(index, text);
    if (status.is_ok()) status = written;
    if (!status.is_ok()) {
      any_failed = true;
      progress.print("textra extract: " + status.message());
    }
    progress.step(!status.is_ok());
  };

  std::vector<std::string> to_ocr;
  std::vector<std::size_t> ocr_index;
  for (std::size_t i = 0; i < args.files.size(); ++i) {
    auto recognised = read_recognised(args.files[i]);
    if (!recognised.is_ok()) {
      finish(i, recognised.status(), std::nullopt);
    } else if (recognised->has_value()) {
      finish(i, std::move(**recognised), std::nullopt);
    } else {
      to_ocr.push_back(args.files[i]);
      ocr_index.push_back(i);
    }
  }
  if (!to_ocr.empty()) {
    ocr::OcrOptions options;
    options.engine.languages = args.languages;
    options.engine.kind = args.ocr_engine;
    ocr::ocr_files(
        to_ocr, options, args.jobs,
        [&](std::size_t i, Result<doc::Document> document) { finish(ocr_index[i], std::move(document), ocr_ms[i]); },
        &ocr_ms);
  }
  return any_failed ? kExitFailure : kExitOk;
}

const CommandRegistration kExtract(10, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* sub = app.add_subcommand("extract", "Extract invoice or receipt fields as validated JSON");
  sub->footer(
      "Images and PDFs go through OCR; a textra document JSON (textra ocr -f json) or a SROIE box CSV is\n"
      "used as it is. The default engine is the embedded NER model shipped for --schema (docs/ner.md).\n"
      "With several files, -o names a directory that receives INPUT-STEM.EXT per file.");
  sub->add_option("files", args->files, "Input files")->required();
  sub->add_option("--engine", args->engine, "Extraction engine: ner (shipped model) or llm")
      ->check(CLI::IsMember({"ner", "llm"}))->capture_default_str();
  sub->add_option("-m,--model-file", args->gguf, "llm: a GGUF model run by the embedded engine");
  sub->add_option("--model", args->model_name, "llm: model name for --ollama/--openai; alone, an Ollama model "
                                               "(e.g. llama3:8b) read from ~/.ollama/models and run embedded");
  sub->add_option("--ollama", args->ollama_url, "llm: Ollama server URL (e.g. http://127.0.0.1:11434)");
  sub->add_option("--openai", args->openai_url, "llm: OpenAI-compatible URL (key from $OPENAI_API_KEY)");
  sub->add_option("--language", args->doc_language, "Document language: fr or en (prompt, dates, amounts)")
      ->capture_default_str();
  sub->add_option("--max-tokens", args->max_tokens, "llm: answer budget in tokens")->capture_default_str()
      ->check(CLI::Range(16, 65536));
  sub->add_option("--ctx", args->n_ctx, "llm: context size of the embedded engine")->capture_default_str()
      ->check(CLI::Range(256, 1 << 20));
  sub->add_option("--annotate", args->annotate_dir, "Write DIR/STEM-pN.png: each page with the boxes and names "
                                                     "of the fields read on it");
  sub->add_option("--threads", args->threads, "llm: threads of the embedded engine (0: all cores)");
  sub->add_flag("--no-prompt-cache", args->no_prompt_cache,
                "llm: recompute the instructions and schema for every document (no memory or file cache)");
  sub->add_option("--schema", args->schema, "auto (invoice or receipt by the document's type), invoice, receipt, or a JSON Schema file")->capture_default_str();
  sub->add_option("--fields", args->fields, "Quick schema: name:type,... (see docs/fields.md)");
  sub->add_option("--ner-model", args->ner_model, "NER model file (default: the shipped model for --schema)");
  sub->add_option("-o,--output", args->output, "Output file (one input) or directory (several inputs); default stdout");
  sub->add_option("-f,--format", args->format, "Output: json, jsonl, csv")
      ->check(CLI::IsMember({"json", "jsonl", "csv"}))
      ->capture_default_str();
  sub->add_option("-j,--jobs", args->jobs, "Parallel workers (default: one per hardware thread)")->check(CLI::Range(1, 256));
  sub->add_option("--lang", args->languages, "Tesseract languages joined by '+'")->capture_default_str();
  add_ocr_engine_option(sub, &args->ocr_engine);
  return [args] { return run_extract(*args); };
});

}  // namespace
}  // namespace textra::cli
