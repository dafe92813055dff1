#include "ner/tagger.h"

#include "ner/features.h"

namespace textra::ner {

std::vector<WordTag> tag_page(const NerModel& model, const doc::Page& page) {
  CrfSequence seq = encode_sequence(page_attributes(page), model);
  CrfParams params = params_of(model.weights);
  std::vector<int> best = viterbi(params, seq);
  std::vector<double> p = marginals(params, seq);
  std::vector<WordTag> tags(best.size());
  for (std::size_t t = 0; t < best.size(); ++t) tags[t] = {best[t], p[t * model.weights.labels + best[t]]};
  return tags;
}

std::vector<Span> label_spans(const doc::Page& page, const std::vector<WordTag>& tags, int outside) {
  std::vector<Span> spans;
  int previous_line = -1;
  const doc::Line* current_line = nullptr;
  int line_number = -1;
  page.for_each_word([&](std::size_t id, const doc::Line& line, const doc::Word& word) {
    if (&line != current_line) {
      current_line = &line;
      ++line_number;
    }
    if (id >= tags.size()) return;
    int label = tags[id].label;
    bool extend = !spans.empty() && spans.back().label == label && spans.back().words.back() + 1 == id;
    if (label == outside) return;
    if (!extend) spans.push_back({label, {}, 0.0, ""});
    Span& s = spans.back();
    if (!s.words.empty()) s.text += line_number == previous_line ? " " : "\n";
    s.text += word.text;
    s.words.push_back(id);
    s.confidence += tags[id].confidence;
    previous_line = line_number;
  });
  for (Span& s : spans) s.confidence /= static_cast<double>(s.words.size());
  return spans;
}

}  // namespace textra::ner
