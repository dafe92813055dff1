#include "ner/crf_train.h"

#include <algorithm>
#include <string>

namespace textra::ner {

double crf_objective(const std::vector<CrfSequence>& data, int labels, std::size_t attributes, double l2,
                     const std::vector<double>& w, std::vector<double>& grad, ThreadPool& pool) {
  const std::size_t n_state = attributes * labels;
  CrfParams params{labels, attributes, w.data(), w.data() + n_state};
  // A few chunks per worker so uneven sequence lengths still balance; each chunk owns its gradient.
  const std::size_t chunks = std::min(data.size(), std::max<std::size_t>(1, pool.size() * 2));
  std::vector<std::vector<double>> partial(chunks);
  std::vector<double> nll(chunks, 0.0);
  pool.parallel_for(chunks, [&](std::size_t c) {
    partial[c].assign(w.size(), 0.0);
    for (std::size_t i = c; i < data.size(); i += chunks) {
      nll[c] += negative_log_likelihood(params, data[i], partial[c].data(), partial[c].data() + n_state);
    }
  });
  double value = 0.0;
  grad.assign(w.size(), 0.0);
  for (std::size_t c = 0; c < chunks; ++c) {
    value += nll[c];
    for (std::size_t i = 0; i < w.size(); ++i) grad[i] += partial[c][i];
  }
  for (std::size_t i = 0; i < w.size(); ++i) {
    value += 0.5 * l2 * w[i] * w[i];
    grad[i] += l2 * w[i];
  }
  return value;
}

Result<CrfWeights> train_crf(const std::vector<CrfSequence>& data, int labels, std::size_t attributes,
                             const CrfTrainOptions& options, ThreadPool& pool, CrfTrainReport* report) {
  if (labels < 2 || labels > kMaxCrfLabels) {
    return invalid_argument("CRF training: " + std::to_string(labels) + " labels (need 2.." +
                            std::to_string(kMaxCrfLabels) + ")");
  }
  if (data.empty()) return invalid_argument("CRF training: no training sequences");
  for (std::size_t i = 0; i < data.size(); ++i) {
    const CrfSequence& s = data[i];
    if (s.labels.size() != s.length()) {
      return invalid_argument("CRF training: sequence " + std::to_string(i) + " has " +
                              std::to_string(s.labels.size()) + " labels for " + std::to_string(s.length()) +
                              " positions");
    }
    for (int y : s.labels) {
      if (y < 0 || y >= labels) return invalid_argument("CRF training: label id out of range in sequence " + std::to_string(i));
    }
    for (std::uint32_t a : s.attributes) {
      if (a >= attributes) return invalid_argument("CRF training: attribute id out of range in sequence " + std::to_string(i));
    }
  }
  CrfWeights weights(labels, attributes);
  std::vector<double> x(weights.state.size() + weights.transition.size(), 0.0);
  Objective objective = [&](const std::vector<double>& w, std::vector<double>& g) {
    return crf_objective(data, labels, attributes, options.l2, w, g, pool);
  };
  TEXTRA_ASSIGN_OR_RETURN(LbfgsReport lbfgs, minimize_lbfgs(objective, x, options.lbfgs, options.progress));
  std::copy(x.begin(), x.begin() + weights.state.size(), weights.state.begin());
  std::copy(x.begin() + weights.state.size(), x.end(), weights.transition.begin());
  if (report != nullptr) {
    report->optimiser = lbfgs;
    double penalty = 0.0;
    for (double v : x) penalty += 0.5 * options.l2 * v * v;
    report->final_nll = lbfgs.value - penalty;
  }
  return weights;
}

}  // namespace textra::ner
