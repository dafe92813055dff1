// Dev harness (temporary): SROIE test split from ground-truth box lines.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "base/shared_paths.h"
#include "ner/model_file.h"
#include "ner/patterns.h"
#include "ner/sroie.h"
#include "ner/tagger.h"
#include "ner/word_match.h"

using namespace textra;
using namespace textra::ner;

int main(int argc, char** argv) {
  std::string model_path = argc > 1 ? argv[1] : "models/receipt-sroie.crf";
  std::string dir = shared_dir() + "/data/sroie";
  auto model = load_model(model_path);
  if (!model.is_ok()) { std::fprintf(stderr, "%s\n", model.status().message().c_str()); return 1; }
  auto ids = sroie_split(dir, "test");
  std::map<std::string, int> tp, npred, ngold;
  double ms = 0;
  for (const auto& id : *ids) {
    auto d = load_sroie_document(dir, id);
    auto t0 = std::chrono::steady_clock::now();
    auto tags = tag_page(*model, d->page);
    auto spans = label_spans(d->page, tags, model->labels.outside);
    ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    for (int l = 0; l < model->labels.size(); ++l) {
      if (l == model->labels.outside) continue;
      std::string field = model->labels.labels[l].name;
      const Span* best = nullptr;
      for (const auto& s : spans) if (s.label == l && (!best || s.confidence > best->confidence)) best = &s;
      std::string gold = d->key.count(field) ? d->key.at(field) : "";
      std::string pred = best ? best->text : "";
      if ((field == "total" || field == "date") && pred.find('\n') != std::string::npos) pred = pred.substr(0, pred.find('\n'));
      bool ok;
      if (field == "total") {
        std::string g = gold; g.erase(std::remove(g.begin(), g.end(), ' '), g.end());
        auto a = amount_value(pred), b = amount_value(g.find_first_of(".,")==std::string::npos? g+".00":g);
        ok = a && b && std::fabs(*a - *b) < 0.005;
      } else {
        ok = match_text(pred) == match_text(gold);
      }
      if (!gold.empty()) ngold[field]++;
      if (!pred.empty()) npred[field]++;
      if (ok && !gold.empty()) tp[field]++;
      else if (getenv("SHOW")) std::printf("%s %s: pred [%s] gold [%s]\n", id.c_str(), field.c_str(), pred.c_str(), gold.c_str());
    }
  }
  double mean = 0;
  for (auto& [f, g] : ngold) {
    double p = npred[f] ? double(tp[f]) / npred[f] : 0, r = double(tp[f]) / g, f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    mean += f1 / ngold.size();
    std::printf("%-8s P %.3f R %.3f F1 %.3f\n", f.c_str(), p, r, f1);
  }
  std::printf("mean F1 %.3f, %.2f ms/page\n", mean, ms / ids->size());
}
