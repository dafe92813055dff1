#include "ner/features.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/utf8.h"
#include "ner/keywords.h"
#include "ner/patterns.h"

namespace textra::ner {
namespace {

struct PageWord {
  const doc::Word* word;
  int line;
  std::string norm;  // lower-case, no accents, digits as 0, at most 20 bytes
};

struct Hit {
  std::string tag;
  int line;
  std::size_t first_word, last_word;  // page word indices covered
  doc::Box box;
};

std::string normalise_text(const std::string& text) {
  std::string s = utf8::to_lower(utf8::strip_accents(text));
  for (char& c : s) {
    if (c >= '0' && c <= '9') c = '0';
  }
  if (s.size() > 20) s.resize(20);
  return s;
}

bool same_row(const doc::Box& a, const doc::Box& b) {
  int overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return overlap > 0 && overlap * 2 >= std::min(a.height(), b.height());
}

double center_y(const doc::Box& b) { return 0.5 * (b.y0 + b.y1); }

// Everything about the page that the per-word attributes look up.
struct PageContext {
  std::vector<PageWord> words;
  std::vector<doc::Box> line_boxes;
  std::vector<std::vector<Hit>> hits_by_line;
  std::vector<std::vector<std::string>> self_tags;  // per word
  std::vector<std::optional<double>> amounts;       // per word
  std::map<long long, int> amount_count;            // value in cents -> occurrences
  double max_amount = 0.0;
  double median_height = 1.0;
  int width = 1, height = 1;
};

PageContext build_context(const doc::Page& page) {
  PageContext ctx;
  ctx.width = std::max(1, page.width);
  ctx.height = std::max(1, page.height);
  std::vector<int> heights;
  for (std::size_t li = 0; li < page.lines.size(); ++li) {
    const doc::Line& line = page.lines[li];
    doc::Box line_box = line.box;
    std::vector<std::string> tokens;
    std::vector<std::size_t> token_word;
    for (const doc::Word& w : line.words) {
      std::size_t id = ctx.words.size();
      ctx.words.push_back({&w, static_cast<int>(li), normalise_text(w.text)});
      line_box = line_box.united(w.box);
      if (!w.box.empty()) heights.push_back(w.box.height());
      for (std::string& t : keyword_tokens(w.text)) {
        tokens.push_back(std::move(t));
        token_word.push_back(id);
      }
    }
    ctx.line_boxes.push_back(line_box);
    std::vector<Hit> hits;
    for (const KeywordHit& k : find_keywords(tokens)) {
      Hit h{k.tag, static_cast<int>(li), token_word[k.first], token_word[k.last - 1], {}};
      for (std::size_t w = h.first_word; w <= h.last_word; ++w) h.box = h.box.united(ctx.words[w].word->box);
      hits.push_back(std::move(h));
    }
    ctx.hits_by_line.push_back(std::move(hits));
  }
  ctx.self_tags.resize(ctx.words.size());
  for (const auto& hits : ctx.hits_by_line) {
    for (const Hit& h : hits) {
      for (std::size_t w = h.first_word; w <= h.last_word; ++w) ctx.self_tags[w].push_back(h.tag);
    }
  }
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    ctx.median_height = std::max(1, heights[heights.size() / 2]);
  }
  ctx.amounts.resize(ctx.words.size());
  for (std::size_t i = 0; i < ctx.words.size(); ++i) {
    ctx.amounts[i] = amount_value(ctx.words[i].word->text);
    if (ctx.amounts[i]) {
      ctx.max_amount = std::max(ctx.max_amount, *ctx.amounts[i]);
      ++ctx.amount_count[std::llround(*ctx.amounts[i] * 100)];
    }
  }
  return ctx;
}

class Emitter {
 public:
  explicit Emitter(WordAttributes& out) : out_(out) {}
  void add(const char* name) { out_.emplace_back(name); }
  void add(const char* name, const std::string& value) { out_.push_back(std::string(name) + "=" + value); }
  void add(const char* name, int value) { add(name, std::to_string(value)); }

 private:
  WordAttributes& out_;
};

// Keyword context of word i: nearest tag to the left and right on the same row, tags in its line, in the
// row just above and below, and the nearest tag above in the same column (table headers).
void keyword_attributes(const PageContext& ctx, std::size_t i, Emitter& e, bool is_amount, bool is_date) {
  const doc::Box& box = ctx.words[i].word->box;
  const int line = ctx.words[i].line;
  const doc::Box& lbox = ctx.line_boxes[line];
  const double lh = std::max(1, lbox.height());
  const Hit* left = nullptr;
  const Hit* right = nullptr;
  const Hit* column = nullptr;
  for (std::size_t l = 0; l < ctx.hits_by_line.size(); ++l) {
    const doc::Box& other = ctx.line_boxes[l];
    bool row = static_cast<int>(l) == line || same_row(lbox, other);
    double dy = center_y(lbox) - center_y(other);
    for (const Hit& h : ctx.hits_by_line[l]) {
      if (static_cast<int>(l) == line) {
        e.add("kln", h.tag);
        if (h.last_word < i && (left == nullptr || h.last_word > left->last_word || left->line != line)) left = &h;
        if (h.first_word > i && (right == nullptr || h.first_word < right->first_word)) right = &h;
      } else if (row) {
        if (h.box.x1 <= box.x0 + 2 && (left == nullptr || (left->line != line && h.box.x1 > left->box.x1))) left = &h;
        if (h.box.x0 >= box.x1 - 2 && (right == nullptr || (right->line != line && h.box.x0 < right->box.x0))) right = &h;
      } else if (dy > 0 && dy <= 1.6 * lh) {
        e.add("kup", h.tag);
      } else if (dy < 0 && -dy <= 1.6 * lh) {
        e.add("kdn", h.tag);
      }
      if (!row && dy > 0 && dy <= 20 * lh && std::min(h.box.x1, box.x1) > std::max(h.box.x0, box.x0) &&
          (column == nullptr || h.box.y1 > column->box.y1)) {
        column = &h;
      }
    }
  }
  if (left != nullptr) e.add("kl", left->tag);
  if (right != nullptr) e.add("kr", right->tag);
  if (column != nullptr) e.add("kcol", column->tag);
  if (is_amount) {
    if (left != nullptr) e.add("amt_kl", left->tag);
    if (column != nullptr) e.add("amt_kcol", column->tag);
  }
  if (is_date && left != nullptr) e.add("date_kl", left->tag);
}

void word_attributes(const PageContext& ctx, std::size_t i, const doc::Page& page, Emitter& e) {
  const PageWord& pw = ctx.words[i];
  const std::string& text = pw.word->text;
  const doc::Box& box = pw.word->box;
  e.add("b");
  e.add("w", pw.norm);
  e.add("sh", short_shape(text));
  if (pw.norm.size() >= 3) {
    e.add("p3", pw.norm.substr(0, 3));
    e.add("s3", pw.norm.substr(pw.norm.size() - 3));
  }
  if (pw.norm.size() >= 2) e.add("s2", pw.norm.substr(pw.norm.size() - 2));
  struct Neighbour {
    int offset;
    const char* word_name;
    const char* shape_name;  // nullptr: no shape attribute at that distance
  };
  for (const Neighbour& n : {Neighbour{-2, "w-2", nullptr}, Neighbour{-1, "w-1", "sh-1"}, Neighbour{1, "w+1", "sh+1"},
                             Neighbour{2, "w+2", nullptr}}) {
    long j = static_cast<long>(i) + n.offset;
    bool inside = j >= 0 && j < static_cast<long>(ctx.words.size());
    e.add(n.word_name, inside ? ctx.words[j].norm : std::string("<edge>"));
    if (inside && n.shape_name != nullptr) e.add(n.shape_name, short_shape(ctx.words[j].word->text));
  }
  for (const std::string& tag : ctx.self_tags[i]) e.add("ks", tag);

  const bool is_date = looks_like_date(text);
  const bool is_amount = ctx.amounts[i].has_value();
  int digits = digit_count(text);
  if (is_date) e.add("date");
  if (is_month_name(text)) e.add("month");
  if (looks_like_time(text)) e.add("time");
  if (digits > 0) e.add("nd", std::min(digits, 16));
  if (digits == static_cast<int>(text.size())) e.add("allnum");
  else if (digits > 0) e.add("hasnum");
  if (text.find('%') != std::string::npos) e.add("pct");
  if (is_amount) {
    e.add("amt");
    if (*ctx.amounts[i] == ctx.max_amount) e.add("amax");
    int repeats = ctx.amount_count.at(std::llround(*ctx.amounts[i] * 100));
    e.add("arep", std::min(repeats, 3));
  }

  const int line = pw.line;
  const int n_lines = static_cast<int>(page.lines.size());
  e.add("ln", std::min(line, 12));
  e.add("lnb", std::min(n_lines - 1 - line, 6));
  const doc::Line& l = page.lines[line];
  std::size_t in_line = static_cast<std::size_t>(&*pw.word - l.words.data());
  e.add("lpos", static_cast<int>(std::min<std::size_t>(in_line, 3)));
  if (in_line + 1 == l.words.size()) e.add("last");
  e.add("nw", static_cast<int>(std::min<std::size_t>(l.words.size(), 6)));
  e.add("y", std::clamp(static_cast<int>(10.0 * center_y(box) / ctx.height), 0, 9));
  e.add("x", std::clamp(static_cast<int>(4.0 * (box.x0 + box.x1) / 2 / ctx.width), 0, 3));
  if (box.x1 > 0.75 * ctx.width) e.add("right");
  if (!box.empty()) {
    int rel = static_cast<int>(std::lround(2.0 * std::log2(box.height() / ctx.median_height)));
    e.add("h", std::clamp(rel, -2, 4));
  }
  keyword_attributes(ctx, i, e, is_amount, is_date);
}

}  // namespace

std::vector<WordAttributes> page_attributes(const doc::Page& page) {
  PageContext ctx = build_context(page);
  std::vector<WordAttributes> out(ctx.words.size());
  for (std::size_t i = 0; i < ctx.words.size(); ++i) {
    Emitter e(out[i]);
    word_attributes(ctx, i, page, e);
  }
  return out;
}

CrfSequence encode_sequence(const std::vector<WordAttributes>& attributes, const NerModel& model) {
  CrfSequence seq;
  std::vector<std::uint32_t> ids;
  for (const WordAttributes& word : attributes) {
    ids.clear();
    for (const std::string& a : word) {
      if (auto id = model.attribute_id(a)) ids.push_back(*id);
    }
    seq.add_position(ids);
  }
  return seq;
}

}  // namespace textra::ner
