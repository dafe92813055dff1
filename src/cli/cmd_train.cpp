// `textra train --data DIR|FILE... --labels SET -o MODEL`: trains a NER model (docs/ner.md).
#include <cstdio>

#include <filesystem>
#include <set>

#include "base/thread_pool.h"
#include "ingest/ingest.h"
#include "ocr/document_ocr.h"
#include "ocr/ocr_cache.h"
#include "cli/command.h"
#include "cli/ocr_engine_option.h"
#include "ner/label_set.h"
#include "ner/model_file.h"
#include "ner/train.h"
#include "ner/training_data.h"

namespace textra::cli {
namespace {

struct TrainArgs {
  std::vector<std::string> data;
  std::string labels = "invoice";
  std::string output;
  std::string split = "train";
  double l2 = 1.0;
  int min_count = 2;
  int iterations = 200;
  int threads = 0;
  std::string language;
  std::string ocr_cache;
  ocr::EngineKind ocr_engine = ocr::EngineOptions{}.kind;
  std::vector<std::string> exclude;
  bool sroie_images = false;
  bool quiet = false;
};

// OCR of a ground-truth image, kept in the cache folder (as textra ocr -f json) when one is given, so
// repeated trainings (cross-validation) recognise each image once. Each OCR engine has its own subfolder
// (CACHE/tesseract, CACHE/fusion...): a model is trained on the words of the engine it will run behind.
class Recogniser {
 public:
  Recogniser(const std::string& cache, ocr::EngineKind engine)
      : cache_(cache.empty() ? cache : (std::filesystem::path(cache) / ocr::engine_kind_name(engine)).string()),
        engines_(engine_options(engine)) {
    options_.engine = engines_.options();
  }

  Result<doc::Document> operator()(const std::string& image) {
    if (auto cached = cache_.find(image)) return std::move(*cached);
    TEXTRA_ASSIGN_OR_RETURN(auto source, ingest::open_file(image));
    TEXTRA_ASSIGN_OR_RETURN(doc::Document document, ocr::ocr_document(*source, engines_, options_));
    TEXTRA_RETURN_IF_ERROR(cache_.store(image, document));
    return document;
  }

 private:
  static ocr::EngineOptions engine_options(ocr::EngineKind engine) {
    ocr::EngineOptions options;
    options.kind = engine;
    return options;
  }

  ocr::OcrCache cache_;
  ocr::EnginePool engines_;
  ocr::OcrOptions options_;
};

// The built-in set, or a user set named `name` from the label names in the data.
ner::LabelSet resolve_label_set(const std::string& name, const std::vector<ner::LabelledPage>& pages) {
  if (auto set = ner::builtin_label_set(name); set.is_ok()) return *set;
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& page : pages) {
    for (const std::string& label : page.labels) {
      if (!label.empty() && seen.insert(label).second) names.push_back(label);
    }
  }
  return ner::label_set_from_names(name, names);
}

int run_train(const TrainArgs& args) {
  std::vector<ner::LabelledPage> pages;
  Recogniser recogniser(args.ocr_cache, args.ocr_engine);
  ner::TrainingDataOptions data_options;
  data_options.split = args.split;
  auto invoice_labels = ner::builtin_label_set("invoice");  // ids of the Textra format
  if (!invoice_labels.is_ok()) {
    std::fprintf(stderr, "textra train: %s\n", invoice_labels.status().message().c_str());
    return kExitFailure;
  }
  data_options.labels = std::move(invoice_labels).value();
  data_options.recognise = [&](const std::string& image) { return recogniser(image); };
  data_options.exclude = args.exclude;
  data_options.sroie_images = args.sroie_images;
  for (const std::string& path : args.data) {
    auto loaded = ner::load_training_data(path, data_options);
    if (!loaded.is_ok()) {
      std::fprintf(stderr, "textra train: %s\n", loaded.status().message().c_str());
      return kExitFailure;
    }
    pages.insert(pages.end(), loaded->begin(), loaded->end());
  }
  const ner::LabelSet set = resolve_label_set(args.labels, pages);
  ThreadPool pool(static_cast<std::size_t>(args.threads));
  ner::TrainOptions options;
  options.l2 = args.l2;
  options.min_count = args.min_count;
  options.max_iterations = args.iterations;
  options.language = !args.language.empty() ? args.language : set.name == "receipt" ? "en" : "fr";
  for (const std::string& path : args.data) options.data += (options.data.empty() ? "" : " ") + path;
  if (!args.quiet) {
    options.progress = [](int iteration, double value, double gradient) {
      std::fprintf(stderr, "\riteration %4d  loss %12.3f  |gradient| %10.3f", iteration, value, gradient);
    };
  }
  ner::TrainReport report;
  auto model = ner::train_model(pages, set, options, pool, &report);
  if (!args.quiet) std::fprintf(stderr, "\n");
  if (!model.is_ok()) {
    std::fprintf(stderr, "textra train: %s\n", model.status().message().c_str());
    return kExitFailure;
  }
  Status saved = ner::save_model(*model, args.output);
  if (!saved.is_ok()) {
    std::fprintf(stderr, "textra train: %s\n", saved.message().c_str());
    return kExitFailure;
  }
  std::fprintf(stderr, "trained on %zu pages (%zu words), %zu attributes, %d iterations, %.1f s -> %s\n", report.pages,
               report.words, report.attributes, report.iterations, report.seconds, args.output.c_str());
  return kExitOk;
}

const CommandRegistration kTrain(300, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand("train", "Train a NER model on labelled documents");
  cmd->add_option("--data", args->data, "Training data: SROIE folder, Textra JSON, Label Studio export")->required();
  cmd->add_option("--labels", args->labels, "Label set: invoice, receipt, or a new name for the labels found in the data")->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Model file to write")->required();
  cmd->add_option("--split", args->split, "SROIE split to train on: train, test or all")->capture_default_str();
  cmd->add_option("--l2", args->l2, "L2 regularisation strength")->capture_default_str();
  cmd->add_option("--min-count", args->min_count, "Drop attributes seen fewer times")->capture_default_str();
  cmd->add_option("--iterations", args->iterations, "Maximum L-BFGS iterations")->capture_default_str();
  cmd->add_option("-j,--threads", args->threads, "Threads (0 = all cores)");
  cmd->add_option("--language", args->language, "Language conventions for dates and amounts (default fr; en for receipt)");
  cmd->add_option("--ocr-cache", args->ocr_cache,
                  "Folder keeping the OCR of ground-truth images between runs (a subfolder per OCR engine)");
  add_ocr_engine_option(cmd, &args->ocr_engine);
  cmd->add_flag("--sroie-images", args->sroie_images,
                "SROIE folders: also train on the OCR (--ocr-engine, kept in --ocr-cache) of the split's images in img/");
  cmd->add_option("--exclude", args->exclude, "Ground-truth file stems to leave out (cross-validation)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress output");
  return [args] { return run_train(*args); };
});

}  // namespace
}  // namespace textra::cli
