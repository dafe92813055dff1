#include "doc/json.h"

#include <cstdint>

#include "base/files.h"

namespace textra::doc {
namespace {

using nlohmann::json;

json box_to_json(const Box& b) { return json::array({b.x0, b.y0, b.x1, b.y1}); }

Result<Box> box_from_json(const json& j, const std::string& where) {
  if (!j.is_array() || j.size() != 4) return corrupt(where + ": box must be an array [x0, y0, x1, y1]");
  for (const auto& v : j) {
    if (!v.is_number_integer()) return corrupt(where + ": box coordinates must be integers");
  }
  Box b{j[0].get<int>(), j[1].get<int>(), j[2].get<int>(), j[3].get<int>()};
  if (b.x1 < b.x0 || b.y1 < b.y0) return corrupt(where + ": box has x1 < x0 or y1 < y0");
  return b;
}

Result<Word> word_from_json(const json& j, const std::string& where) {
  if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) return corrupt(where + ": word needs a text string");
  Word w;
  w.text = j["text"].get<std::string>();
  TEXTRA_ASSIGN_OR_RETURN(w.box, box_from_json(j.value("box", json()), where));
  if (j.contains("confidence")) {
    if (!j["confidence"].is_number()) return corrupt(where + ": confidence must be a number");
    w.confidence = j["confidence"].get<float>();
    if (!(w.confidence >= 0.0f && w.confidence <= 1.0f)) return corrupt(where + ": confidence must be in 0..1");
  }
  return w;
}

}  // namespace

json to_json(const Page& page) {
  json lines = json::array();
  for (const Line& line : page.lines) {
    json words = json::array();
    for (const Word& w : line.words) {
      words.push_back({{"text", w.text}, {"box", box_to_json(w.box)}, {"confidence", w.confidence}});
    }
    lines.push_back({{"box", box_to_json(line.box)}, {"words", std::move(words)}});
  }
  return {{"index", page.index}, {"width", page.width},  {"height", page.height},
          {"dpi", page.dpi},     {"source", page_source_name(page.source)}, {"rotation", page.rotation},
          {"lines", std::move(lines)}};
}

json to_json(const Document& document) {
  json pages = json::array();
  for (const Page& p : document.pages) pages.push_back(to_json(p));
  return {{"version", kDocumentJsonVersion}, {"file", document.file}, {"type", document.type},
          {"pages", std::move(pages)}};
}

namespace {

// Reads the integer member `key` of object j into out when present (out keeps its value otherwise); what
// is not an integer in int's range is refused, naming `where`.key.
Status read_int_member(const json& j, const char* key, const std::string& where, int& out) {
  auto it = j.find(key);
  if (it == j.end()) return Status::ok();
  if (!it->is_number_integer()) return corrupt(where + "." + key + " must be an integer");
  const bool in_range = it->is_number_unsigned()
                            ? it->get<std::uint64_t>() <= INT32_MAX
                            : it->get<std::int64_t>() >= INT32_MIN && it->get<std::int64_t>() <= INT32_MAX;
  if (!in_range) return corrupt(where + "." + key + " is out of range");
  out = it->get<int>();
  return Status::ok();
}

}  // namespace

Result<Page> page_from_json(const json& j) {
  if (!j.is_object()) return corrupt("page must be an object");
  Page page;
  auto int_field = [&](const char* key, int& out) { return read_int_member(j, key, "page", out); };
  TEXTRA_RETURN_IF_ERROR(int_field("index", page.index));
  TEXTRA_RETURN_IF_ERROR(int_field("width", page.width));
  TEXTRA_RETURN_IF_ERROR(int_field("height", page.height));
  TEXTRA_RETURN_IF_ERROR(int_field("dpi", page.dpi));
  TEXTRA_RETURN_IF_ERROR(int_field("rotation", page.rotation));
  if (page.width < 0 || page.height < 0) return corrupt("page size must not be negative");
  std::string source = j.value("source", std::string("ocr"));
  if (source == "text_layer") {
    page.source = PageSource::kTextLayer;
  } else if (source == "ocr") {
    page.source = PageSource::kOcr;
  } else {
    return corrupt("page.source must be \"ocr\" or \"text_layer\", not \"" + source + "\"");
  }
  const json& lines = j.value("lines", json::array());
  if (!lines.is_array()) return corrupt("page.lines must be an array");
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const json& lj = lines[li];
    std::string where = "page " + std::to_string(page.index) + " line " + std::to_string(li);
    if (!lj.is_object()) return corrupt(where + ": must be an object");
    Line line;
    TEXTRA_ASSIGN_OR_RETURN(line.box, box_from_json(lj.value("box", json()), where));
    const json& words = lj.value("words", json::array());
    if (!words.is_array()) return corrupt(where + ": words must be an array");
    for (std::size_t wi = 0; wi < words.size(); ++wi) {
      TEXTRA_ASSIGN_OR_RETURN(Word w, word_from_json(words[wi], where + " word " + std::to_string(wi)));
      line.words.push_back(std::move(w));
    }
    page.lines.push_back(std::move(line));
  }
  return page;
}

namespace {
Result<Document> document_from_json_unchecked(const json& j) {
  if (!j.is_object()) return corrupt("document must be a JSON object");
  int version = kDocumentJsonVersion;
  TEXTRA_RETURN_IF_ERROR(read_int_member(j, "version", "document", version));
  if (version > kDocumentJsonVersion) {
    return unsupported("document JSON version " + std::to_string(version) + " is newer than this textra (" +
                       std::to_string(kDocumentJsonVersion) + ")");
  }
  Document d;
  d.file = j.value("file", std::string());
  d.type = j.value("type", std::string());
  const json& pages = j.value("pages", json::array());
  if (!pages.is_array()) return corrupt("document.pages must be an array");
  for (const json& pj : pages) {
    TEXTRA_ASSIGN_OR_RETURN(Page p, page_from_json(pj));
    d.pages.push_back(std::move(p));
  }
  return d;
}

}  // namespace

Result<Document> document_from_json(const json& j) {
  try {
    return document_from_json_unchecked(j);
  } catch (const nlohmann::json::exception& e) {  // a field of the wrong type deep inside
    return corrupt(std::string("document JSON: ") + e.what());
  }
}

Result<Document> read_document_file(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, 64u << 20));
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return corrupt(path + ": not JSON");
  auto document = document_from_json(json);
  if (!document.is_ok()) return document.status().with_context(path);
  return std::move(document).value();
}

}  // namespace textra::doc
