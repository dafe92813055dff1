#include "extract/totals_decoder.h"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <map>

#include "fields/normalize.h"

namespace textra::extract {
namespace {

constexpr double kSumBonus = 1.5;
constexpr double kRateBonus = 0.5;
constexpr double kDuePenalty = 1.0;

std::vector<TotalCandidate> merged(const std::vector<TotalCandidate>& candidates, TotalRole role) {
  std::vector<TotalCandidate> out;
  for (const TotalCandidate& c : candidates) {
    if (c.role != role || !(c.value > 0)) continue;
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const TotalCandidate& o) { return fields::to_cents(o.value) == fields::to_cents(c.value); });
    if (same == out.end()) {
      out.push_back(c);
      continue;
    }
    double combined = 1 - (1 - same->evidence) * (1 - c.evidence);
    if (c.evidence > same->evidence) *same = c;  // the provenance of the strongest evidence
    same->evidence = combined;
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.evidence > b.evidence; });
  return out;
}

std::string percent(double rate) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%g %%", rate);
  return buf;
}

bool same_words(const TotalCandidate* a, const TotalCandidate* b) {
  return a != nullptr && b != nullptr && !a->source.words.empty() && a->source.words == b->source.words &&
         a->source.page == b->source.page;
}

// What a combination earns: its score, and the rules that held (for the reason).
struct Scored {
  double score = 0;
  bool adds_up = false;
  std::optional<std::string> rate_rule;
};

class Scorer {
 public:
  Scorer(std::optional<double> due, const TotalsOptions& options) : due_(due), options_(options) {}

  // nullopt: not a possible combination (a total larger than TTC, one printed amount in two roles, an
  // amount without evidence that neither the sum nor a VAT rate needs).
  std::optional<Scored> score(const TotalCandidate* ht, const TotalCandidate* tva, const TotalCandidate* ttc,
                              int weak_allowed = 1) const {
    int weak = 0;
    Scored s;
    for (const TotalCandidate* c : {ht, tva, ttc}) {
      if (c == nullptr) continue;
      s.score += c->evidence;
      weak += c->evidence < kWeakEvidence;
    }
    if (same_words(ht, ttc) || same_words(ht, tva) || same_words(tva, ttc)) return std::nullopt;
    if (ttc != nullptr && ((ht != nullptr && ht->value > ttc->value + options_.tolerance) ||
                           (tva != nullptr && tva->value >= ttc->value))) {
      return std::nullopt;
    }
    if (ht != nullptr && tva != nullptr && tva->value >= ht->value) return std::nullopt;
    s.adds_up = ht && tva && ttc && std::fabs(ht->value + tva->value - ttc->value) <= options_.tolerance;
    s.rate_rule = matching_rate(ht, tva, ttc);
    if (weak > weak_allowed || (weak >= 1 && !s.adds_up && !s.rate_rule)) return std::nullopt;
    if (s.adds_up) s.score += kSumBonus;
    if (s.rate_rule) s.score += kRateBonus;
    if (ttc != nullptr && due_ && *due_ > ttc->value + options_.tolerance) s.score -= kDuePenalty;
    return s;
  }

 private:
  // TVA = rate x HT, else TTC = (1 + rate) x HT, else TTC = (1 + rate) / rate x TVA, for a rate in use.
  std::optional<std::string> matching_rate(const TotalCandidate* ht, const TotalCandidate* tva, const TotalCandidate* ttc) const {
    for (double rate : options_.vat_rates) {
      double r = rate / 100;
      if (ht && tva && near(tva->value, r * ht->value, ht->value)) return "total_tva = " + percent(rate) + " of total_ht";
      if (ht && ttc && !tva && near(ttc->value, (1 + r) * ht->value, ht->value)) {
        return "total_ttc = total_ht + " + percent(rate) + " VAT";
      }
      if (tva && ttc && !ht && near(ttc->value, (1 + r) / r * tva->value, ttc->value)) {
        return "total_tva = " + percent(rate) + " of total_ttc - total_tva";
      }
    }
    return std::nullopt;
  }

  // VAT computed per line and rounded each time drifts from rate x total by a few cents.
  bool near(double a, double b, double base) const { return std::fabs(a - b) <= std::max(0.02, base * 1e-4); }

  std::optional<double> due_;
  const TotalsOptions& options_;
};

// The amounts without evidence of one role (or all of them), by value in cents, for completing a sum.
class WeakIndex {
 public:
  // below: the evidence under which an amount is indexed (above 1: every amount).
  explicit WeakIndex(const std::vector<TotalCandidate>& list, double below = kWeakEvidence) {
    for (const TotalCandidate& c : list) {
      if (c.evidence < below) by_cents_.emplace(fields::to_cents(c.value), &c);
    }
  }
  // The amount printing value, to the cent (one cent either way for rounding).
  const TotalCandidate* find(double value) const {
    long long cents = fields::to_cents(value);
    for (long long c : {cents, cents - 1, cents + 1}) {
      if (auto it = by_cents_.find(c); it != by_cents_.end()) return it->second;
    }
    return nullptr;
  }

 private:
  std::multimap<long long, const TotalCandidate*> by_cents_;
};

}  // namespace

TotalsChoice decode_totals(const std::vector<TotalCandidate>& candidates, std::optional<double> amount_due,
                           const TotalsOptions& options) {
  std::vector<TotalCandidate> hts = merged(candidates, TotalRole::kHt), tvas = merged(candidates, TotalRole::kTva),
                              ttcs = merged(candidates, TotalRole::kTtc);
  WeakIndex weak_ht(hts), weak_tva(tvas), weak_ttc(ttcs);
  Scorer scorer(amount_due, options);
  const TotalCandidate *best_ht = nullptr, *best_tva = nullptr, *best_ttc = nullptr;
  Scored best;  // all absent: score 0
  auto consider = [&](const TotalCandidate* ht, const TotalCandidate* tva, const TotalCandidate* ttc) {
    auto s = scorer.score(ht, tva, ttc);
    if (!s || s->score <= best.score) return;
    best = *s;
    best_ht = ht, best_tva = tva, best_ttc = ttc;
  };
  // Members with evidence, each possibly absent; then an amount without evidence completing two of them.
  auto strong = [](const std::vector<TotalCandidate>& list) {
    std::vector<const TotalCandidate*> out{nullptr};
    for (const TotalCandidate& c : list) {
      if (c.evidence >= kWeakEvidence) out.push_back(&c);
    }
    return out;
  };
  std::vector<const TotalCandidate*> sh = strong(hts), st = strong(tvas), sc = strong(ttcs);
  for (const TotalCandidate* ht : sh) {
    for (const TotalCandidate* tva : st) {
      for (const TotalCandidate* ttc : sc) {
        consider(ht, tva, ttc);
        int present = (ht != nullptr) + (tva != nullptr) + (ttc != nullptr);
        if (present == 2) {
          if (ttc == nullptr) consider(ht, tva, weak_ttc.find(ht->value + tva->value));
          if (tva == nullptr) consider(ht, weak_tva.find(ttc->value - ht->value), ttc);
          if (ht == nullptr) consider(weak_ht.find(ttc->value - tva->value), tva, ttc);
        }
        // A lone TVA whose base is printed without a label ("TVA 20 % sur 3 900,00 : 780,00").
        if (present == 1 && tva != nullptr) {
          for (double rate : options.vat_rates) consider(weak_ht.find(tva->value * 100 / rate), tva, nullptr);
        }
      }
    }
  }
  // No combination of labelled amounts obeys a rule (the labels were not read, or read beside the wrong
  // amounts): the largest triple of printed amounts that obeys both, HT + TVA = TTC and TVA = rate x HT,
  // is the invoice's (a VAT breakdown line per rate is a smaller one). Two rules at once rarely hold by chance.
  bool unlabelled = false;
  if (!best.adds_up && !best.rate_rule) {
    WeakIndex any_tva(tvas, 1.1), any_ttc(ttcs, 1.1);
    for (const TotalCandidate& ht : hts) {
      for (double rate : options.vat_rates) {
        const TotalCandidate* tva = any_tva.find(ht.value * rate / 100);
        const TotalCandidate* ttc = tva ? any_ttc.find(ht.value + tva->value) : nullptr;
        if (!ttc || same_words(&ht, tva) || same_words(&ht, ttc) || same_words(tva, ttc)) continue;
        auto s = scorer.score(&ht, tva, ttc, /*weak_allowed=*/3);
        if (!s || !s->adds_up || !s->rate_rule || (best_ttc && unlabelled && best_ttc->value >= ttc->value)) continue;
        best = *s, unlabelled = true;
        best_ht = &ht, best_tva = tva, best_ttc = ttc;
      }
    }
  }
  TotalsChoice choice;
  if (best_ht) choice.ht = *best_ht;
  if (best_tva) choice.tva = *best_tva;
  if (best_ttc) choice.ttc = *best_ttc;
  if (best.adds_up) choice.reason = "total_ht + total_tva = total_ttc";
  if (best.rate_rule) choice.reason += (choice.reason.empty() ? "" : "; ") + *best.rate_rule;
  if (unlabelled) choice.reason += " (printed amounts without their labels)";
  if (choice.reason.empty()) choice.reason = "each total from its own label (no combination adds up)";
  return choice;
}

}  // namespace textra::extract
