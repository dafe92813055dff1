#include "ner/labelled_document.h"

#include "doc/json.h"

namespace textra::ner {

bool is_labelled_document(const nlohmann::json& j) {
  return j.is_object() && j.contains("label_set") && j["label_set"].is_string() && j.contains("pages");
}

Result<LabelledPage> parse_labelled_document(const nlohmann::json& j, const std::string& name) {
  if (!is_labelled_document(j)) return corrupt(name + ": not a labelled document (label_set, pages)");
  auto document = doc::document_from_json(j);
  if (!document.is_ok()) return corrupt(name + ": " + document.status().message());
  if (document->pages.size() != 1) return corrupt(name + ": a labelled document has exactly one page");
  LabelledPage out{document->file.empty() ? name : document->file, document->pages[0], {}};
  // document_from_json validated the shape, so the lines and words below exist.
  for (const auto& line : j["pages"][0]["lines"]) {
    for (const auto& word : line["words"]) {
      if (!word.contains("label")) {
        out.labels.emplace_back();
      } else if (word["label"].is_string()) {
        out.labels.push_back(word["label"].get<std::string>());
      } else {
        return corrupt(name + ": a word's label must be a string");
      }
    }
  }
  return out;
}

nlohmann::json to_labelled_document(const LabelledPage& page, const std::string& label_set) {
  nlohmann::json j = doc::to_json(doc::Document{page.id, "", {page.page}});
  j["label_set"] = label_set;
  std::size_t id = 0;
  for (auto& line : j["pages"][0]["lines"]) {
    for (auto& word : line["words"]) {
      if (id < page.labels.size() && !page.labels[id].empty()) word["label"] = page.labels[id];
      ++id;
    }
  }
  return j;
}

}  // namespace textra::ner
