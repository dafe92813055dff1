#include "ner/crf.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace textra::ner {
namespace {

// state scores S[t * L + y] = sum of the state weights of the position's attributes.
std::vector<double> state_scores(const CrfParams& p, const CrfSequence& seq) {
  const int L = p.labels;
  std::vector<double> scores(seq.length() * L, 0.0);
  for (std::size_t t = 0; t < seq.length(); ++t) {
    double* row = &scores[t * L];
    for (std::uint32_t k = seq.offsets[t]; k < seq.offsets[t + 1]; ++k) {
      std::uint32_t a = seq.attributes[k];
      if (a >= p.attributes) continue;
      const double* w = p.state + static_cast<std::size_t>(a) * L;
      for (int y = 0; y < L; ++y) row[y] += w[y];
    }
  }
  return scores;
}

// Scaled forward-backward in the exponential domain: each position's state scores are shifted by their
// maximum and the forward vector renormalised, so nothing overflows and no log/exp sits in the inner loop.
struct Lattice {
  std::vector<double> expo;   // exp(S[t][y] - max_t)
  std::vector<double> alpha;  // normalised forward vectors
  std::vector<double> beta;   // backward vectors in the same scale
  std::vector<double> scale;  // c_t
  std::vector<double> trans;  // exp(transition)
  double log_z = 0.0;
};

Lattice forward_backward(const CrfParams& p, const std::vector<double>& scores, std::size_t T) {
  const int L = p.labels;
  Lattice lat;
  lat.expo.resize(T * L);
  lat.alpha.resize(T * L);
  lat.beta.resize(T * L);
  lat.scale.resize(T);
  lat.trans.resize(L * L);
  for (int i = 0; i < L * L; ++i) lat.trans[i] = std::exp(p.transition[i]);
  for (std::size_t t = 0; t < T; ++t) {
    const double* s = &scores[t * L];
    double m = *std::max_element(s, s + L);
    lat.log_z += m;
    for (int y = 0; y < L; ++y) lat.expo[t * L + y] = std::exp(s[y] - m);
  }
  for (std::size_t t = 0; t < T; ++t) {
    double* a = &lat.alpha[t * L];
    const double* e = &lat.expo[t * L];
    for (int y = 0; y < L; ++y) {
      double sum = 0.0;
      if (t == 0) {
        sum = 1.0;
      } else {
        const double* prev = &lat.alpha[(t - 1) * L];
        for (int yp = 0; yp < L; ++yp) sum += prev[yp] * lat.trans[yp * L + y];
      }
      a[y] = sum * e[y];
    }
    double c = 0.0;
    for (int y = 0; y < L; ++y) c += a[y];
    lat.scale[t] = c;
    for (int y = 0; y < L; ++y) a[y] /= c;
    lat.log_z += std::log(c);
  }
  for (int y = 0; y < L; ++y) lat.beta[(T - 1) * L + y] = 1.0;
  for (std::size_t t = T - 1; t-- > 0;) {
    const double* next_b = &lat.beta[(t + 1) * L];
    const double* next_e = &lat.expo[(t + 1) * L];
    double c = lat.scale[t + 1];
    for (int yp = 0; yp < L; ++yp) {
      double sum = 0.0;
      for (int y = 0; y < L; ++y) sum += lat.trans[yp * L + y] * next_e[y] * next_b[y];
      lat.beta[t * L + yp] = sum / c;
    }
  }
  return lat;
}

}  // namespace

std::vector<int> viterbi(const CrfParams& p, const CrfSequence& seq) {
  const std::size_t T = seq.length();
  const int L = p.labels;
  if (T == 0) return {};
  std::vector<double> scores = state_scores(p, seq);
  std::vector<double> best(T * L);
  std::vector<int> back(T * L, 0);
  for (int y = 0; y < L; ++y) best[y] = scores[y];
  for (std::size_t t = 1; t < T; ++t) {
    for (int y = 0; y < L; ++y) {
      double top = -std::numeric_limits<double>::infinity();
      int arg = 0;
      for (int yp = 0; yp < L; ++yp) {
        double v = best[(t - 1) * L + yp] + p.transition[yp * L + y];
        if (v > top) {
          top = v;
          arg = yp;
        }
      }
      best[t * L + y] = top + scores[t * L + y];
      back[t * L + y] = arg;
    }
  }
  std::vector<int> path(T);
  path[T - 1] = static_cast<int>(std::max_element(&best[(T - 1) * L], &best[(T - 1) * L] + L) - &best[(T - 1) * L]);
  for (std::size_t t = T - 1; t > 0; --t) path[t - 1] = back[t * L + path[t]];
  return path;
}

std::vector<double> marginals(const CrfParams& p, const CrfSequence& seq) {
  const std::size_t T = seq.length();
  const int L = p.labels;
  if (T == 0) return {};
  Lattice lat = forward_backward(p, state_scores(p, seq), T);
  std::vector<double> out(T * L);
  for (std::size_t i = 0; i < T * L; ++i) out[i] = lat.alpha[i] * lat.beta[i];
  return out;
}

double negative_log_likelihood(const CrfParams& p, const CrfSequence& seq, double* grad_state,
                               double* grad_transition) {
  const std::size_t T = seq.length();
  const int L = p.labels;
  if (T == 0) return 0.0;
  std::vector<double> scores = state_scores(p, seq);
  Lattice lat = forward_backward(p, scores, T);

  double gold = 0.0;
  for (std::size_t t = 0; t < T; ++t) {
    int y = seq.labels[t];
    gold += scores[t * L + y];
    if (t > 0) gold += p.transition[seq.labels[t - 1] * L + y];
  }
  // Gradient of log Z - gold score: expected minus observed attribute/transition counts.
  for (std::size_t t = 0; t < T; ++t) {
    double marginal[kMaxCrfLabels];
    int y_gold = seq.labels[t];
    for (int y = 0; y < L; ++y) marginal[y] = lat.alpha[t * L + y] * lat.beta[t * L + y];
    marginal[y_gold] -= 1.0;
    for (std::uint32_t k = seq.offsets[t]; k < seq.offsets[t + 1]; ++k) {
      std::uint32_t a = seq.attributes[k];
      if (a >= p.attributes) continue;
      double* g = grad_state + static_cast<std::size_t>(a) * L;
      for (int y = 0; y < L; ++y) g[y] += marginal[y];
    }
    if (t == 0) continue;
    const double* a_prev = &lat.alpha[(t - 1) * L];
    const double* e = &lat.expo[t * L];
    const double* b = &lat.beta[t * L];
    double c = lat.scale[t];
    for (int yp = 0; yp < L; ++yp) {
      for (int y = 0; y < L; ++y) {
        grad_transition[yp * L + y] += a_prev[yp] * lat.trans[yp * L + y] * e[y] * b[y] / c;
      }
    }
    grad_transition[seq.labels[t - 1] * L + y_gold] -= 1.0;
  }
  return lat.log_z - gold;
}

}  // namespace textra::ner
