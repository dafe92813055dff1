#include "ner/sroie.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/files.h"
#include "ner/patterns.h"
#include "ner/segments.h"
#include "ner/word_match.h"

namespace textra::ner {
namespace {

constexpr std::size_t kMaxSroieFileBytes = 4u << 20;

// Splits "x1,y1,...,y4,transcript" after the 8th comma (the transcript may itself hold commas).
Result<doc::Line> parse_box_line(const std::string& row, const std::string& where) {
  int coords[8];
  std::size_t pos = 0;
  for (int k = 0; k < 8; ++k) {
    std::size_t comma = row.find(',', pos);
    if (comma == std::string::npos) return corrupt(where + ": expected 8 coordinates and a transcript");
    try {
      coords[k] = std::stoi(row.substr(pos, comma - pos));
    } catch (const std::exception&) {
      return corrupt(where + ": coordinate " + std::to_string(k + 1) + " is not a number");
    }
    pos = comma + 1;
  }
  std::string transcript = row.substr(pos);
  while (!transcript.empty() && (transcript.back() == ' ' || transcript.back() == '\r')) transcript.pop_back();
  doc::Line line;
  line.box = {std::min({coords[0], coords[6]}), std::min({coords[1], coords[3]}), std::max({coords[2], coords[4]}),
              std::max({coords[5], coords[7]})};
  line.words = words_in_box(transcript, line.box);
  return line;
}

}  // namespace

Result<doc::Page> parse_sroie_boxes(std::string_view csv, const std::string& name) {
  doc::Page page;
  std::istringstream in{std::string(csv)};
  std::string row;
  int number = 0;
  while (std::getline(in, row)) {
    ++number;
    if (row.empty() || row == "\r") continue;
    TEXTRA_ASSIGN_OR_RETURN(doc::Line line, parse_box_line(row, name + ":" + std::to_string(number)));
    if (line.words.empty()) continue;
    page.width = std::max(page.width, line.box.x1);
    page.height = std::max(page.height, line.box.y1);
    page.lines.push_back(std::move(line));
  }
  page.source = doc::PageSource::kOcr;
  return page;
}

Result<std::map<std::string, std::string>> parse_sroie_key(std::string_view json, const std::string& name) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return corrupt(name + ": not a JSON object");
  std::map<std::string, std::string> key;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_string()) return corrupt(name + ": field '" + it.key() + "' is not a string");
    key[it.key()] = it.value().get<std::string>();
  }
  return key;
}

std::vector<std::string> sroie_word_labels(const doc::Page& page, const std::map<std::string, std::string>& key) {
  std::vector<std::string> texts;
  page.for_each_word([&](std::size_t, const doc::Line&, const doc::Word& w) { texts.push_back(w.text); });
  std::vector<std::string> labels(texts.size());
  MatchIndex index(texts);
  auto label = [&](const std::vector<std::size_t>& words, const char* name) {
    for (std::size_t w : words) labels[w] = name;
  };
  auto value = [&](const char* field) -> std::string {
    auto it = key.find(field);
    return it == key.end() ? "" : it->second;
  };
  // Address first, so a company name that repeats inside the address keeps its company label.
  if (std::string v = value("address"); !v.empty()) label(fuzzy_find(index, v, 0.25), "address");
  if (std::string v = value("company"); !v.empty()) label(fuzzy_find(index, v, 0.2), "company");
  if (std::string v = value("date"); !v.empty()) {
    for (const auto& words : exact_find_all(index, v)) label(words, "date");
  }
  std::string total = value("total");
  total.erase(std::remove(total.begin(), total.end(), ' '), total.end());
  if (auto amount = amount_value(total.find_first_of(".,") == std::string::npos ? total + ".00" : total)) {
    for (std::size_t w = 0; w < texts.size(); ++w) {
      auto a = amount_value(texts[w]);
      if (a && std::fabs(*a - *amount) < 0.005) labels[w] = "total";
    }
  }
  return labels;
}

Result<std::vector<std::string>> sroie_split(const std::string& dir, const std::string& split) {
  const std::string path = dir + "/split.json";
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, kMaxSroieFileBytes));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains(split) || !j[split].is_array()) {
    return corrupt(path + ": no list '" + split + "'");
  }
  std::vector<std::string> ids;
  for (const auto& id : j[split]) {
    if (!id.is_string()) return corrupt(path + ": '" + split + "' holds a non-string id");
    ids.push_back(id.get<std::string>());
  }
  return ids;
}

std::string sroie_image_path(const std::string& dir, const std::string& id) { return dir + "/img/" + id + ".jpg"; }

Result<SroieDocument> load_sroie_document(const std::string& dir, const std::string& id) {
  SroieDocument d;
  d.id = id;
  const std::string box_path = dir + "/box/" + id + ".csv";
  const std::string key_path = dir + "/key/" + id + ".json";
  TEXTRA_ASSIGN_OR_RETURN(std::string csv, read_file(box_path, kMaxSroieFileBytes));
  TEXTRA_ASSIGN_OR_RETURN(d.page, parse_sroie_boxes(csv, box_path));
  TEXTRA_ASSIGN_OR_RETURN(std::string key, read_file(key_path, kMaxSroieFileBytes));
  TEXTRA_ASSIGN_OR_RETURN(d.key, parse_sroie_key(key, key_path));
  return d;
}

LabelledPage sroie_labelled_page(const SroieDocument& document) {
  return {document.id, document.page, sroie_word_labels(document.page, document.key)};
}

}  // namespace textra::ner
