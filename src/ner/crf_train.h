// CRF training: maximum likelihood with an L2 penalty, minimised by L-BFGS; the gradient is computed
// over the sequences in parallel on the shared thread pool (one gradient buffer per chunk).
#pragma once

#include <vector>

#include "base/status.h"
#include "base/thread_pool.h"
#include "ner/crf.h"
#include "ner/lbfgs.h"

namespace textra::ner {

struct CrfTrainOptions {
  double l2 = 1.0;  // penalty l2/2 * |w|^2 (on the summed, not averaged, likelihood)
  LbfgsOptions lbfgs;
  LbfgsProgress progress;
};

struct CrfTrainReport {
  LbfgsReport optimiser;
  double final_nll = 0.0;  // without the penalty
};

// Every sequence's labels must be in [0, labels) and its attribute ids in [0, attributes).
Result<CrfWeights> train_crf(const std::vector<CrfSequence>& data, int labels, std::size_t attributes,
                             const CrfTrainOptions& options, ThreadPool& pool, CrfTrainReport* report = nullptr);

// The training objective at w (penalised NLL), gradient into grad; exposed for the gradient check test.
double crf_objective(const std::vector<CrfSequence>& data, int labels, std::size_t attributes, double l2,
                     const std::vector<double>& w, std::vector<double>& grad, ThreadPool& pool);

}  // namespace textra::ner
