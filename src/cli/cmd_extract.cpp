// `textra extract FILE...`: ingest -> OCR -> extraction engine -> result JSON (CONTRACTS.md) per file.
// The default engine is the embedded NER model shipped for the schema (docs/ner.md). Inputs whose text
// is already known skip OCR: a textra document JSON (`textra ocr -f json`) or a SROIE box CSV.
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>

#include "base/csv.h"
#include "base/files.h"
#include "cli/command.h"
#include "cli/ocr_engine_option.h"
#include "cli/progress.h"
#include "doc/json.h"
#include "fields/annotate/annotate.h"
#include "fields/flat_values.h"
#include "ingest/page_image.h"
#include "ner/sroie.h"
#include "ocr/batch.h"
#include "pipeline/engine_choice.h"
#include "pipeline/ordered_output.h"

namespace textra::cli {
namespace {

namespace fs = std::filesystem;

struct ExtractArgs {
  std::vector<std::string> files;
  pipeline::EngineChoice engine;
  std::string schema = "auto";
  std::string fields;
  std::string output;
  std::string format = "json";
  std::size_t jobs = 0;
  std::string languages = "fra+eng";
  ocr::EngineKind ocr_engine = ocr::EngineOptions{}.kind;
  std::string annotate_dir;  // --annotate DIR: page PNGs with the fields' boxes
};

// A document whose words are already known, or nullopt when the file must go through OCR.
Result<std::optional<doc::Document>> read_recognised(const std::string& path) {
  if (fs::path(path).extension() != ".json" && fs::path(path).extension() != ".csv") return std::optional<doc::Document>();
  if (fs::path(path).extension() == ".json") {
    TEXTRA_ASSIGN_OR_RETURN(doc::Document document, doc::read_document_file(path));
    if (document.file.empty()) document.file = path;
    return std::optional<doc::Document>(std::move(document));
  }
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, 64u << 20));
  TEXTRA_ASSIGN_OR_RETURN(doc::Page page, ner::parse_sroie_boxes(text, path));
  doc::Document document;
  document.file = path;
  document.type = "text/csv";
  document.pages.push_back(std::move(page));
  return std::optional<doc::Document>(std::move(document));
}

pipeline::OutputPiece render(const fields::Extraction& result, const std::string& format) {
  if (format == "json") return {"", fields::to_json(result).dump(2) + "\n"};
  if (format == "jsonl") return {"", fields::to_json(result).dump() + "\n"};
  std::vector<std::string> head{"file"}, row{result.file};
  for (auto& [path, text] : fields::flat_values(fields::plain_values(result.fields), fields::ArrayCells::kAsJson)) {
    head.push_back(path);
    row.push_back(text);
  }
  return {csv_row(head), csv_row(row)};
}

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
  auto extractors = pipeline::make_extractors(args.engine, args.schema, args.fields);
  if (!extractors.is_ok()) {
    std::fprintf(stderr, "textra extract: %s\n", extractors.status().message().c_str());
    return kExitUsage;
  }
  pipeline::OrderedOutput output(args.files, args.output, "." + args.format);
  if (Status status = output.prepare(); !status) {
    std::fprintf(stderr, "textra extract: %s\n", status.message().c_str());
    return kExitFailure;
  }
  ProgressBar progress(args.files.size(), "files");
  std::atomic<bool> any_failed{false};
  std::vector<double> ocr_ms;  // per OCR'd file (ocr_files fills it); inputs already recognised have none
  auto finish = [&](std::size_t index, Result<doc::Document> document, std::optional<double> recognition_ms) {
    std::optional<pipeline::OutputPiece> piece;
    Status status = document.status();
    if (status.is_ok()) {
      auto result = pipeline::extract_timed(*extractors, *document, recognition_ms);
      status = result.status();
      if (result.is_ok()) {
        piece = render(*result, args.format);
        if (!args.annotate_dir.empty()) status = annotate(args.files[index], *document, *result, args.annotate_dir);
      }
    }
    Status written = output.deliver(index, std::move(piece));
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
  sub->add_option("--engine", args->engine.engine, "Extraction engine: ner (shipped model) or llm")
      ->check(CLI::IsMember({"ner", "llm"}))->capture_default_str();
  sub->add_option("-m,--model-file", args->engine.gguf, "llm: a GGUF model run by the embedded engine");
  sub->add_option("--model", args->engine.model, "llm: model name for --ollama/--openai; alone, an Ollama model "
                                               "(e.g. llama3:8b) read from ~/.ollama/models and run embedded");
  sub->add_option("--ollama", args->engine.ollama_url, "llm: Ollama server URL (e.g. http://127.0.0.1:11434)");
  sub->add_option("--openai", args->engine.openai_url, "llm: OpenAI-compatible URL (key from $OPENAI_API_KEY)");
  sub->add_option("--language", args->engine.language, "Document language: fr or en (prompt, dates, amounts)")
      ->capture_default_str();
  sub->add_option("--max-tokens", args->engine.max_tokens, "llm: answer budget in tokens")->capture_default_str()
      ->check(CLI::Range(16, 65536));
  sub->add_option("--ctx", args->engine.n_ctx, "llm: context size of the embedded engine")->capture_default_str()
      ->check(CLI::Range(256, 1 << 20));
  sub->add_option("--annotate", args->annotate_dir, "Write DIR/STEM-pN.png: each page with the boxes and names "
                                                     "of the fields read on it");
  sub->add_option("--threads", args->engine.threads, "llm: threads of the embedded engine (0: all cores)");
  sub->add_flag("--no-prompt-cache", args->engine.no_prompt_cache,
                "llm: recompute the instructions and schema for every document (no memory or file cache)");
  sub->add_option("--draft-tokens", args->engine.draft_tokens,
                  "llm: prompt-lookup drafts of up to N tokens copied from the document, checked in one pass; "
                  "the answer is unchanged (0: off)")
      ->capture_default_str()->check(CLI::Range(0, 64));
  sub->add_option("--schema", args->schema, "auto (invoice or receipt by the document's type), invoice, receipt, or a JSON Schema file")->capture_default_str();
  sub->add_option("--fields", args->fields, "Quick schema: name:type,... (see docs/fields.md)");
  sub->add_option("--ner-model", args->engine.ner_model, "NER model file (default: the shipped model for --schema)");
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
