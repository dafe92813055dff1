// `textra ocr FILE...`: text, layout text, JSON or TSV of every page of every file (images and PDFs),
// with the files recognised in parallel (-j). Failed files are reported and the others still complete.
#include <filesystem>
#include <map>
#include <optional>

#include "base/files.h"
#include "base/thread_pool.h"
#include "cli/command.h"
#include "cli/ocr_engine_option.h"
#include "cli/progress.h"
#include "doc/json.h"
#include "doc/layout_text.h"
#include "ocr/batch.h"
#include "ocr/tsv.h"
#include "pipeline/ordered_output.h"

namespace textra::cli {
namespace {

namespace fs = std::filesystem;

struct OcrArgs {
  std::vector<std::string> files;
  std::string format = "text";
  std::string output;
  std::string languages = "fra+eng";
  int psm = 3;
  int dpi = 0;
  std::string preprocess = "auto";
  std::size_t jobs = 0;
  std::string tessdata;
  ocr::EngineKind ocr_engine = ocr::EngineOptions{}.kind;
};

const std::map<std::string, std::string> kExtensions = {
    {"text", ".txt"}, {"layout", ".txt"}, {"json", ".json"}, {"tsv", ".tsv"}};

// One file's output. Several text outputs on stdout get a "==> FILE <==" line before each (as `head` does).
pipeline::OutputPiece render(const doc::Document& document, const OcrArgs& args) {
  if (args.format == "json") return {"", doc::to_json(document).dump() + "\n"};
  if (args.format == "tsv") return {ocr::tsv_header(), ocr::to_tsv_rows(document)};
  std::string text = args.format == "layout" ? doc::layout_text(document) : document.text();
  if (!text.empty() && text.back() != '\n') text += '\n';
  if (args.output.empty() && args.files.size() > 1) text = "==> " + document.file + " <==\n" + text;
  return {"", std::move(text)};
}

int run_ocr(const OcrArgs& args) {
  ocr::OcrOptions options;
  options.engine.languages = args.languages;
  options.engine.psm = args.psm;
  options.engine.tessdata_dir = args.tessdata;
  options.engine.kind = args.ocr_engine;
  if (Status status = ocr::validate(options.engine); !status) {
    std::fprintf(stderr, "textra ocr: %s\n", status.message().c_str());
    return kExitUsage;
  }
  auto preparation = ocr::parse_preparation(args.preprocess);
  if (!preparation.is_ok()) {
    std::fprintf(stderr, "textra ocr: %s\n", preparation.status().message().c_str());
    return kExitUsage;
  }
  options.preparation = *preparation;
  if (args.dpi > 0) {
    options.limits.pdf_render_dpi = args.dpi;
    options.assumed_dpi = args.dpi;
  }

  pipeline::OrderedOutput output(args.files, args.output, kExtensions.at(args.format));
  if (Status status = output.prepare(); !status) {
    std::fprintf(stderr, "textra ocr: %s\n", status.message().c_str());
    return kExitFailure;
  }
  ProgressBar progress(args.files.size(), "files");
  std::atomic<bool> any_failed{false};
  ocr::ocr_files(args.files, options, args.jobs, [&](std::size_t index, Result<doc::Document> result) {
    Status status = result.status();
    std::optional<pipeline::OutputPiece> piece;
    if (result.is_ok()) piece = render(*result, args);
    Status written = output.deliver(index, std::move(piece));
    if (status.is_ok()) status = written;
    if (!status.is_ok()) {
      any_failed = true;
      progress.print("textra ocr: " + status.message());
    }
    progress.step(!status.is_ok());
  });
  return any_failed ? kExitFailure : kExitOk;
}

const CommandRegistration kOcr(20, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<OcrArgs>();
  CLI::App* sub = app.add_subcommand("ocr", "Recognise the text of images and PDFs (words, boxes, confidences)");
  sub->footer(
      "Images (PNG, JPEG, TIFF, WebP, BMP, PNM) and PDFs, types detected from the content. PDF pages with a\n"
      "text layer give their exact text without OCR. With several files, -o names a directory that receives\n"
      "INPUT-STEM.EXT per file. Exit code 1 when any file failed (the others still complete), 2 on bad\n"
      "arguments. See docs/ocr.md.");
  sub->add_option("files", args->files, "Input files")->required();
  sub->add_option("-f,--format", args->format,
                  "Output: text, layout (words placed by position, columns aligned), json, tsv")
      ->check(CLI::IsMember({"text", "layout", "json", "tsv"}))
      ->capture_default_str();
  sub->add_option("-o,--output", args->output, "Output file (one input) or directory (several inputs); default stdout");
  sub->add_option("--lang", args->languages, "Tesseract languages joined by '+'")->capture_default_str();
  sub->add_option("--psm", args->psm, "Tesseract page segmentation mode (1, 3-13; 3 = automatic, 6 = one block)")
      ->capture_default_str();
  sub->add_option("--dpi", args->dpi,
                  "Render PDF pages at this resolution (default 300) and assume it for images that state none")
      ->check(CLI::Range(50, 1200));
  sub->add_option("--preprocess", args->preprocess,
                  "auto (orientation check + steps decided per image), none, or a comma list of: orient, gray,\n"
                  "invert, deskew, upscale, downscale, contrast, otsu, sauvola, denoise (see docs/ocr.md)")
      ->capture_default_str();
  sub->add_option("-j,--jobs", args->jobs, "Parallel OCR workers (default: one per hardware thread)")
      ->check(CLI::Range(1, 256));
  sub->add_option("--tessdata", args->tessdata, "Folder with the *.traineddata files (default: Tesseract's)");
  add_ocr_engine_option(sub, &args->ocr_engine);
  return [args] { return run_ocr(*args); };
});

}  // namespace
}  // namespace textra::cli
