#include "ner/lbfgs.h"

#include <cmath>
#include <deque>
#include <numeric>

namespace textra::ner {
namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

double norm(const std::vector<double>& a) { return std::sqrt(dot(a, a)); }

struct Correction {
  std::vector<double> s, y;  // x step and gradient change
  double rho;                // 1 / (y.s)
};

// Two-loop recursion: direction = -H * grad with H the L-BFGS inverse Hessian estimate.
std::vector<double> search_direction(const std::deque<Correction>& history, const std::vector<double>& grad) {
  std::vector<double> q = grad;
  std::vector<double> alpha(history.size());
  for (std::size_t k = history.size(); k-- > 0;) {
    alpha[k] = history[k].rho * dot(history[k].s, q);
    for (std::size_t i = 0; i < q.size(); ++i) q[i] -= alpha[k] * history[k].y[i];
  }
  if (!history.empty()) {
    const Correction& last = history.back();
    double gamma = dot(last.s, last.y) / dot(last.y, last.y);
    for (double& v : q) v *= gamma;
  }
  for (std::size_t k = 0; k < history.size(); ++k) {
    double beta = history[k].rho * dot(history[k].y, q);
    for (std::size_t i = 0; i < q.size(); ++i) q[i] += history[k].s[i] * (alpha[k] - beta);
  }
  for (double& v : q) v = -v;
  return q;
}

}  // namespace

Result<LbfgsReport> minimize_lbfgs(const Objective& objective, std::vector<double>& x,
                                   const LbfgsOptions& options, const LbfgsProgress& progress) {
  const std::size_t n = x.size();
  LbfgsReport report;
  std::vector<double> grad(n);
  double f = objective(x, grad);
  ++report.evaluations;
  if (!std::isfinite(f)) return internal_error("L-BFGS: objective is not finite at the starting point");

  std::deque<Correction> history;
  std::deque<double> past_values{f};
  std::vector<double> x_new(n), grad_new(n);
  for (report.iterations = 0; report.iterations < options.max_iterations;) {
    if (norm(grad) <= options.gradient_tol * std::max(1.0, norm(x))) {
      report.stop_reason = "gradient small";
      break;
    }
    std::vector<double> direction = search_direction(history, grad);
    double slope = dot(direction, grad);
    if (slope >= 0.0) {  // not a descent direction (numerical trouble): restart from steepest descent
      history.clear();
      direction = grad;
      for (double& v : direction) v = -v;
      slope = dot(direction, grad);
    }
    // Backtracking line search with the Armijo condition; the first step is scaled to unit length.
    double step = history.empty() ? 1.0 / std::max(1.0, norm(direction)) : 1.0;
    double f_new = 0.0;
    bool accepted = false;
    for (int tries = 0; tries < 40; ++tries) {
      for (std::size_t i = 0; i < n; ++i) x_new[i] = x[i] + step * direction[i];
      f_new = objective(x_new, grad_new);
      ++report.evaluations;
      if (std::isfinite(f_new) && f_new <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      report.stop_reason = "line search failed";
      break;
    }
    Correction c;
    c.s.resize(n);
    c.y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      c.s[i] = x_new[i] - x[i];
      c.y[i] = grad_new[i] - grad[i];
    }
    double ys = dot(c.y, c.s);
    if (ys > 1e-12) {  // keep only pairs with positive curvature so H stays positive definite
      c.rho = 1.0 / ys;
      history.push_back(std::move(c));
      if (static_cast<int>(history.size()) > options.memory) history.pop_front();
    }
    x.swap(x_new);
    grad.swap(grad_new);
    f = f_new;
    ++report.iterations;
    if (progress) progress(report.iterations, f, norm(grad));

    past_values.push_back(f);
    if (static_cast<int>(past_values.size()) > options.past) {
      double old = past_values.front();
      past_values.pop_front();
      if ((old - f) / std::max(1.0, std::fabs(f)) < options.delta) {
        report.stop_reason = "converged";
        break;
      }
    }
  }
  if (report.iterations >= options.max_iterations) report.stop_reason = "iteration limit";
  report.value = f;
  return report;
}

}  // namespace textra::ner
