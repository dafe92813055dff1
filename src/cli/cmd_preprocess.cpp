// `textra preprocess FILE... [-o OUT] [--preprocess auto|none|LIST]`: writes the page images exactly as
// OCR would receive them, and says on stderr what was measured and done. For tuning and bug reports.
#include <leptonica/allheaders.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/command.h"
#include "imaging/preprocess.h"
#include "ingest/ingest.h"

namespace textra::cli {
namespace {

struct PreprocessArgs {
  std::vector<std::string> files;
  std::string output;
  std::string preprocess = "auto";
  std::int64_t max_pixels = 100'000'000;
};

// One input and one page: -o names the PNG. Otherwise -o is a folder holding STEM[-pN].png.
std::string output_path(const PreprocessArgs& args, const std::string& file, int page, int pages) {
  if (args.files.size() == 1 && pages == 1 && !std::filesystem::is_directory(args.output)) return args.output;
  std::string name = std::filesystem::path(file).stem().string();
  if (pages > 1) name += "-p" + std::to_string(page + 1);
  return (std::filesystem::path(args.output) / (name + ".png")).string();
}

bool process_file(const PreprocessArgs& args, const imaging::PreprocessOptions& options, const std::string& file) {
  ingest::Limits limits;
  limits.image.max_pixels_per_page = args.max_pixels;
  auto source = ingest::open_file(file, limits);
  if (!source) {
    std::fprintf(stderr, "textra: %s\n", source.status().message().c_str());
    return false;
  }
  bool ok = true;
  const int pages = (*source)->page_count();
  for (int i = 0; i < pages; ++i) {
    auto page = (*source)->page(i);
    if (!page) {
      std::fprintf(stderr, "textra: %s\n", page.status().message().c_str());
      ok = false;
      continue;
    }
    if (!page->needs_ocr()) {
      std::fprintf(stderr, "%s page %d: text layer, no image to preprocess\n", file.c_str(), i + 1);
      continue;
    }
    imaging::PreprocessReport report;
    auto result = imaging::preprocess(page->image, options, &report);
    if (!result) {
      std::fprintf(stderr, "textra: %s page %d: %s\n", file.c_str(), i + 1, result.status().message().c_str());
      ok = false;
      continue;
    }
    std::fprintf(stderr, "%s page %d: %s (text height %d px, line pitch %d px, %dx%d -> %dx%d)\n", file.c_str(), i + 1,
                 report.summary().c_str(), report.text_height, report.line_pitch, page->image.width(), page->image.height(),
                 result->width(), result->height());
    const std::string out = output_path(args, file, i, pages);
    if (pixWrite(out.c_str(), result->pix(), IFF_PNG) != 0) {
      std::fprintf(stderr, "textra: %s: could not write the image\n", out.c_str());
      ok = false;
    }
  }
  return ok;
}

const CommandRegistration kPreprocess(40, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<PreprocessArgs>();
  CLI::App* cmd = app.add_subcommand("preprocess", "Write page images as OCR receives them after preprocessing (PNG)");
  cmd->add_option("files", args->files, "Images or PDFs")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->output, "Output PNG (one page in) or folder (created if needed)")->required();
  cmd->add_option("--preprocess", args->preprocess, "auto, none, or a list: gray,invert,deskew,upscale,downscale,contrast,otsu|sauvola,denoise")
      ->capture_default_str();
  cmd->add_option("--max-pixels", args->max_pixels, "Largest page accepted, in pixels")->capture_default_str();
  return [args] {
    auto options = imaging::parse_preprocess(args->preprocess);
    if (!options) {
      std::fprintf(stderr, "textra: %s\n", options.status().message().c_str());
      return kExitUsage;
    }
    if (args->files.size() > 1 || std::filesystem::path(args->output).extension().empty()) {
      std::error_code error;
      std::filesystem::create_directories(args->output, error);
    }
    bool ok = true;
    for (const std::string& file : args->files) ok = process_file(*args, *options, file) && ok;
    return ok ? kExitOk : kExitFailure;
  };
});

}  // namespace
}  // namespace textra::cli
