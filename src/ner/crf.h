// Linear-chain conditional random field over binary attributes: the score of a label sequence y for a
// sequence x is sum_t sum_{a in x_t} state[a][y_t] + sum_t transition[y_{t-1}][y_t].
// Inference: Viterbi (best sequence) and forward-backward (per-position label marginals, used as
// confidence). Training lives in crf_train.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace textra::ner {

// One sequence (a page's words in reading order) as attribute ids per position.
struct CrfSequence {
  std::vector<std::uint32_t> attributes;  // ids of position t are attributes[offsets[t] .. offsets[t+1])
  std::vector<std::uint32_t> offsets{0};
  std::vector<int> labels;                // gold labels, training only

  std::size_t length() const { return offsets.size() - 1; }
  void add_position(const std::vector<std::uint32_t>& ids) {
    attributes.insert(attributes.end(), ids.begin(), ids.end());
    offsets.push_back(static_cast<std::uint32_t>(attributes.size()));
  }
};

// Labels per model: inference keeps one row of marginals on the stack.
constexpr int kMaxCrfLabels = 64;

struct CrfWeights {
  int labels = 0;
  std::size_t attributes = 0;
  std::vector<double> state;       // attributes * labels, [a * labels + y]
  std::vector<double> transition;  // labels * labels, [from * labels + to]

  CrfWeights() = default;
  CrfWeights(int num_labels, std::size_t num_attributes)
      : labels(num_labels), attributes(num_attributes),
        state(num_attributes * num_labels, 0.0), transition(num_labels * num_labels, 0.0) {}
};

// Read-only view of the parameters, so training can evaluate them in place in the optimiser's vector.
struct CrfParams {
  int labels;
  std::size_t attributes;
  const double* state;
  const double* transition;
};
inline CrfParams params_of(const CrfWeights& w) { return {w.labels, w.attributes, w.state.data(), w.transition.data()}; }

// Highest-scoring label sequence. Attribute ids >= attributes are ignored.
std::vector<int> viterbi(const CrfParams& params, const CrfSequence& sequence);

// P(y_t = y | x) for every position, row-major [t * labels + y].
std::vector<double> marginals(const CrfParams& params, const CrfSequence& sequence);

// Negative log-likelihood of the gold labels; adds its gradient to grad_state / grad_transition.
double negative_log_likelihood(const CrfParams& params, const CrfSequence& sequence, double* grad_state,
                               double* grad_transition);

}  // namespace textra::ner
