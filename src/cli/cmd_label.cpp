// `textra label export|import|config`: the Label Studio round trip (docs/ner.md "Label Studio").
//   export: OCR the images, pre-label the words with a NER model, write Label Studio tasks (predictions);
//   import: read a Label Studio JSON export, write it as Textra training format for `textra train`;
//   config: print the Label Studio labeling config for a label set.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>

#include "base/files.h"
#include "cli/command.h"
#include "cli/ocr_engine_option.h"
#include "extract/ner_engine.h"
#include "fields/schema.h"
#include "ner/label_studio.h"
#include "ner/model_file.h"
#include "ner/tagger.h"
#include "ner/textra_format.h"
#include "ocr/batch.h"

namespace textra::cli {
namespace {

namespace fs = std::filesystem;

struct LabelArgs {
  std::vector<std::string> files;
  std::string output;
  std::string ner_model;
  std::string schema = "invoice";
  std::string labels = "invoice";
  std::string image_url;
  std::size_t jobs = 0;
  bool no_predictions = false;
  ocr::EngineKind ocr_engine = ocr::EngineOptions{}.kind;
};

int fail(const char* what, const Status& status, int code = kExitFailure) {
  std::fprintf(stderr, "textra label %s: %s\n", what, status.message().c_str());
  return code;
}

Status write_output(const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::ok();
  }
  return write_file(path, text);
}

int run_export(const LabelArgs& args) {
  std::shared_ptr<ner::NerModel> model;
  if (!args.no_predictions) {
    std::string path = args.ner_model;
    if (path.empty()) {
      auto schema = fields::builtin_schema(args.schema);
      if (!schema.is_ok()) return fail("export", schema.status(), kExitUsage);
      auto found = extract::default_ner_model(*schema);
      if (!found.is_ok()) return fail("export", found.status(), kExitUsage);
      path = *found;
    }
    auto loaded = ner::load_model(path);
    if (!loaded.is_ok()) return fail("export", loaded.status(), kExitUsage);
    model = std::make_shared<ner::NerModel>(std::move(loaded).value());
  }
  std::vector<nlohmann::json> tasks(args.files.size());
  std::mutex mutex;
  bool failed = false;
  ocr::OcrOptions options;
  options.engine.kind = args.ocr_engine;
  ocr::ocr_files(args.files, options, args.jobs, [&](std::size_t i, Result<doc::Document> document) {
    if (!document.is_ok()) {
      std::lock_guard<std::mutex> lock(mutex);
      std::fprintf(stderr, "textra label export: %s\n", document.status().message().c_str());
      failed = true;
      return;
    }
    std::string image = args.image_url.empty() ? args.files[i] : args.image_url + fs::path(args.files[i]).filename().string();
    for (const doc::Page& page : document->pages) {
      std::vector<std::string> labels;
      if (model) {
        for (const ner::WordTag& t : ner::tag_page(*model, page)) {
          labels.push_back(t.label == model->labels.outside ? "" : model->labels.labels[t.label].name);
        }
      }
      tasks[i] = ner::label_studio_task(page, labels, image, model ? "textra-ner" : "textra-ocr");
      break;  // one task per image: Label Studio's image tasks show one page
    }
  });
  nlohmann::json out = nlohmann::json::array();
  for (auto& t : tasks) {
    if (!t.is_null()) out.push_back(std::move(t));
  }
  if (Status s = write_output(args.output, out.dump(2) + "\n"); !s.is_ok()) return fail("export", s);
  return failed ? kExitFailure : kExitOk;
}

int run_import(const LabelArgs& args) {
  auto set = ner::builtin_label_set(args.labels);
  if (!set.is_ok()) return fail("import", set.status(), kExitUsage);
  std::vector<ner::LabelledPage> pages;
  for (const std::string& path : args.files) {
    auto text = read_file(path, 256u << 20);
    if (!text.is_ok()) return fail("import", text.status());
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded()) return fail("import", corrupt(path + ": not valid JSON"));
    auto some = ner::parse_label_studio_export(j, path);
    if (!some.is_ok()) return fail("import", some.status());
    pages.insert(pages.end(), some->begin(), some->end());
  }
  auto out = ner::to_textra_format(pages, *set);
  if (!out.is_ok()) return fail("import", out.status());
  if (Status s = write_output(args.output, out->dump(2) + "\n"); !s.is_ok()) return fail("import", s);
  std::fprintf(stderr, "%zu labelled pages\n", pages.size());
  return kExitOk;
}

const CommandRegistration kLabel(310, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<LabelArgs>();
  CLI::App* cmd = app.add_subcommand("label", "Label Studio round trip: export pre-annotations, import labels");
  cmd->require_subcommand(1);
  CLI::App* exp = cmd->add_subcommand("export", "OCR images and write Label Studio tasks with predicted labels");
  exp->add_option("files", args->files, "Images or PDFs")->required();
  exp->add_option("-o,--output", args->output, "Tasks JSON file (default stdout)");
  exp->add_option("--ner-model", args->ner_model, "Model that pre-labels the words (default: shipped for --schema)");
  exp->add_option("--schema", args->schema, "Which shipped model: invoice or receipt")->capture_default_str();
  exp->add_option("--image-url", args->image_url, "Prefix for data.ocr, e.g. /data/local-files/?d=invoices/");
  exp->add_option("-j,--jobs", args->jobs, "Parallel OCR workers")->check(CLI::Range(1, 256));
  exp->add_flag("--no-predictions", args->no_predictions, "OCR regions only, no labels");
  add_ocr_engine_option(exp, &args->ocr_engine);
  CLI::App* imp = cmd->add_subcommand("import", "Convert a Label Studio JSON export to Textra training format");
  imp->add_option("files", args->files, "Label Studio JSON exports")->required();
  imp->add_option("-o,--output", args->output, "Training JSON file (default stdout)");
  imp->add_option("--labels", args->labels, "Label set giving the ids: invoice or receipt")->capture_default_str();
  CLI::App* cfg = cmd->add_subcommand("config", "Print the Label Studio labeling config for a label set");
  cfg->add_option("--labels", args->labels, "invoice or receipt")->capture_default_str();
  return [args, exp, imp, cfg]() -> int {
    if (exp->parsed()) return run_export(*args);
    if (imp->parsed()) return run_import(*args);
    if (cfg->parsed()) {
      auto set = ner::builtin_label_set(args->labels);
      if (!set.is_ok()) return fail("config", set.status(), kExitUsage);
      std::fputs(ner::labeling_config(*set).c_str(), stdout);
    }
    return kExitOk;
  };
});

}  // namespace
}  // namespace textra::cli
