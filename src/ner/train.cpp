#include "ner/train.h"

#include <chrono>
#include <unordered_map>

#include "ner/crf_train.h"
#include "ner/features.h"

namespace textra::ner {

Result<NerModel> train_model(const std::vector<LabelledPage>& pages, const LabelSet& labels,
                             const TrainOptions& options, ThreadPool& pool, TrainReport* report) {
  auto started = std::chrono::steady_clock::now();
  std::vector<std::vector<int>> gold(pages.size());
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const LabelledPage& page = pages[p];
    if (page.labels.size() != page.page.word_count()) {
      return invalid_argument(page.id + ": " + std::to_string(page.labels.size()) + " labels for " +
                              std::to_string(page.page.word_count()) + " words");
    }
    for (const std::string& name : page.labels) {
      if (name.empty()) {
        gold[p].push_back(labels.outside);
        continue;
      }
      auto id = labels.find(name);
      if (!id) return invalid_argument(page.id + ": label '" + name + "' is not in label set '" + labels.name + "'");
      gold[p].push_back(*id);
    }
  }

  std::vector<std::vector<WordAttributes>> attributes(pages.size());
  pool.parallel_for(pages.size(), [&](std::size_t p) { attributes[p] = page_attributes(pages[p].page); });

  NerModel model;
  model.labels = labels;
  model.feature_version = kFeatureVersion;
  std::unordered_map<std::string, int> counts;
  for (const auto& page : attributes) {
    for (const WordAttributes& word : page) {
      for (const std::string& a : word) ++counts[a];
    }
  }
  for (const auto& [text, count] : counts) {
    if (count >= options.min_count) model.attributes.push_back(text);
  }
  std::sort(model.attributes.begin(), model.attributes.end());  // deterministic model files
  model.index_attributes();

  std::vector<CrfSequence> sequences(pages.size());
  std::size_t words = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    sequences[p] = encode_sequence(attributes[p], model);
    sequences[p].labels = gold[p];
    words += gold[p].size();
  }
  CrfTrainOptions crf_options;
  crf_options.l2 = options.l2;
  crf_options.lbfgs.max_iterations = options.max_iterations;
  crf_options.progress = options.progress;
  CrfTrainReport crf_report;
  TEXTRA_ASSIGN_OR_RETURN(model.weights, train_crf(sequences, labels.size(), model.attributes.size(), crf_options,
                                                   pool, &crf_report));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  model.info = {{"pages", pages.size()}, {"words", words}, {"attributes", model.attributes.size()},
                {"l2", options.l2}, {"min_count", options.min_count},
                {"iterations", crf_report.optimiser.iterations}, {"stop", crf_report.optimiser.stop_reason},
                {"language", options.language}, {"data", options.data}};
  if (report != nullptr) *report = {pages.size(), words, model.attributes.size(), crf_report.optimiser.iterations, seconds};
  return model;
}

}  // namespace textra::ner
