// From labelled pages to a model: attributes per word, a dictionary of the attributes seen at least
// min_count times, then CRF training (crf_train.h).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "base/thread_pool.h"
#include "ner/dataset.h"
#include "ner/label_set.h"
#include "ner/lbfgs.h"
#include "ner/model.h"

namespace textra::ner {

struct TrainOptions {
  double l2 = 1.0;
  int min_count = 2;          // rarer attributes are left out of the model
  int max_iterations = 200;
  std::string language = "fr";  // conventions for reading dates and amounts at extraction (fields)
  std::string data;             // where the training data came from, recorded in the model
  LbfgsProgress progress;
};

struct TrainReport {
  std::size_t pages = 0, words = 0, attributes = 0;
  int iterations = 0;
  double seconds = 0.0;
};

// Every page label must name a label of `labels` (by name or alias) or be "" (outside).
Result<NerModel> train_model(const std::vector<LabelledPage>& pages, const LabelSet& labels,
                             const TrainOptions& options, ThreadPool& pool, TrainReport* report = nullptr);

}  // namespace textra::ner
