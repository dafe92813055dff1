#include "ner/fields_from_labels.h"

#include <algorithm>
#include <map>

#include "fields/provenance.h"
#include "ner/tagger.h"

namespace textra::ner {
namespace {

// Word id -> line index, for splitting spans by line and one box per line.
std::vector<std::size_t> word_lines(const doc::Page& page) {
  std::vector<std::size_t> lines;
  for (std::size_t l = 0; l < page.lines.size(); ++l) lines.insert(lines.end(), page.lines[l].words.size(), l);
  return lines;
}

// Where a label's values go in the extraction's schema, and the role they play.
struct LabelTarget {
  std::string path;
  std::optional<fields::Role> role;
};

std::vector<LabelTarget> label_targets(const LabelSet& labels, const fields::Schema& schema) {
  Result<fields::Schema> own = fields::builtin_schema(labels.name);
  fields::RoleMap label_roles = own ? fields::roles_of(*own) : fields::RoleMap{};
  fields::RoleMap roles = fields::roles_of(schema);
  std::vector<LabelTarget> targets;
  for (const Label& label : labels.labels) {
    LabelTarget target{label.field, std::nullopt};
    for (const auto& [role, path] : label_roles.paths) {
      if (path != label.field || label.field.empty()) continue;
      target.role = role;
      const std::string* in_schema = roles.path(role);
      target.path = in_schema ? *in_schema : "";
    }
    targets.push_back(std::move(target));
  }
  return targets;
}

Candidate make_candidate(const LabelTarget& target, const doc::Page& page, const std::vector<std::size_t>& line_of,
                         const std::vector<std::size_t>& words, const std::vector<WordTag>& tags) {
  Candidate c{target.path, "", 0.0, fields::source_of_words(page, words), target.role};
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k > 0) c.raw += line_of[words[k]] == line_of[words[k - 1]] ? ' ' : '\n';
    c.raw += page.word_by_id(words[k])->text;
    c.confidence += tags[words[k]].confidence;
  }
  c.confidence /= static_cast<double>(words.size());
  return c;
}

// Names and addresses legitimately span lines; other kinds are one value per line.
bool spans_lines(const fields::FieldSpec& spec) { return spec.kind == fields::ValueKind::kText; }

}  // namespace

std::vector<Candidate> field_candidates(const NerModel& model, const doc::Document& document,
                                        const fields::Schema& schema) {
  std::vector<Candidate> out;
  const std::vector<LabelTarget> targets = label_targets(model.labels, schema);
  for (const doc::Page& page : document.pages) {
    std::vector<WordTag> tags = tag_page(model, page);
    std::vector<std::size_t> line_of = word_lines(page);
    for (const Span& span : label_spans(page, tags, model.labels.outside)) {
      const LabelTarget& target = targets[span.label];
      const fields::FieldSpec* spec = target.path.empty() ? nullptr : schema.find(target.path);
      if (spec == nullptr || !spec->is_leaf()) continue;
      out.push_back(make_candidate(target, page, line_of, span.words, tags));
      if (spans_lines(*spec) || line_of[span.words.front()] == line_of[span.words.back()]) continue;
      std::vector<std::size_t> piece;
      for (std::size_t id : span.words) {
        if (!piece.empty() && line_of[id] != line_of[piece.back()]) {
          out.push_back(make_candidate(target, page, line_of, piece, tags));
          piece.clear();
        }
        piece.push_back(id);
      }
      out.push_back(make_candidate(target, page, line_of, piece, tags));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.confidence > b.confidence; });
  return out;
}

void fill_from_candidates(const std::vector<Candidate>& candidates, const fields::Schema& schema,
                          const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  std::map<std::string, std::string> unreadable;  // path -> first raw text that did not normalise
  std::map<std::string, bool> filled;
  for (const Candidate& c : candidates) {
    if (filled[c.path]) continue;
    const fields::FieldSpec* spec = schema.find(c.path);
    fields::FieldNode* node = extraction.fields.at(c.path);
    if (spec == nullptr || node == nullptr) continue;
    auto value = fields::normalize_printed(*spec, c.raw, options);
    if (!value.is_ok() || value->is_null()) {
      unreadable.emplace(c.path, c.raw);
      continue;
    }
    *node = fields::FieldNode::leaf({*value, c.raw, c.confidence, c.source, std::nullopt});
    filled[c.path] = true;
  }
  for (const auto& [path, raw] : unreadable) {
    if (!filled[path]) extraction.warn("unreadable_value", path + ": could not read \"" + raw + "\"");
  }
}

}  // namespace textra::ner
