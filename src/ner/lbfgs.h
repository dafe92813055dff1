// Limited-memory BFGS minimiser for smooth convex objectives (the CRF's regularised negative
// log-likelihood). Written here rather than taken from a library: it is 150 lines and the project
// avoids dependencies that Debian does not package for C++.
#pragma once

#include <functional>
#include <vector>

#include "base/status.h"

namespace textra::ner {

// Returns f(x) and writes the gradient into grad (same size as x).
using Objective = std::function<double(const std::vector<double>& x, std::vector<double>& grad)>;

struct LbfgsOptions {
  int max_iterations = 200;
  int memory = 8;             // correction pairs kept
  double gradient_tol = 1e-5; // stop when |g| <= tol * max(1, |x|)
  double delta = 1e-5;        // stop when f improved by less than delta (relative) over `past` iterations
  int past = 10;
};

struct LbfgsReport {
  int iterations = 0;
  int evaluations = 0;
  double value = 0.0;
  const char* stop_reason = "";
};

// Called after every iteration with (iteration, f(x), |g|); may be empty.
using LbfgsProgress = std::function<void(int, double, double)>;

// Minimises objective starting from x (updated in place). Fails only when the objective returns a
// non-finite value at the starting point.
Result<LbfgsReport> minimize_lbfgs(const Objective& objective, std::vector<double>& x,
                                   const LbfgsOptions& options, const LbfgsProgress& progress = {});

}  // namespace textra::ner
