// GET /v1/documents/{id}/label-studio: a stored document as Label Studio tasks (one per page, the format of
// ner/label_studio.h), for relabelling: the page's OCR words as regions with their transcription, and the
// words each extracted field was read from labelled with that field's label as the task's predictions.
#include <map>

#include "ner/label_set.h"
#include "ner/label_studio.h"
#include "server/http_util.h"
#include "server/server_impl.h"

namespace textra::server {
namespace {

using nlohmann::json;

// Field path -> label name: the schema's built-in label set when it has one (so the tasks come back through
// `textra label import` and `textra train`), else the field paths themselves.
std::map<std::string, std::string> label_names(const std::string& schema) {
  std::map<std::string, std::string> names;
  auto set = ner::builtin_label_set(schema);
  if (!set) return names;
  for (const ner::Label& label : set->labels) {
    if (!label.field.empty()) names[label.field] = label.name;
  }
  return names;
}

// Labels words[id] of page_number (1-based, as in the result) for every leaf of `node` read from that page.
void label_words(const json& node, const std::string& path, int page_number,
                 const std::map<std::string, std::string>* names, std::vector<std::string>& labels) {
  if (node.is_object() && node.contains("value")) {
    const json* source = node.contains("source") && node["source"].is_object() ? &node["source"] : nullptr;
    if (source == nullptr || source->value("page", 0) != page_number || !source->contains("words") ||
        !(*source)["words"].is_array()) {
      return;
    }
    std::string label = path;
    if (names != nullptr) {
      auto it = names->find(path);
      if (it == names->end()) return;  // a field the label set has no class for (found by rules)
      label = it->second;
    }
    for (const json& id : (*source)["words"]) {
      if (id.is_number_unsigned() && id.get<std::size_t>() < labels.size()) labels[id.get<std::size_t>()] = label;
    }
    return;
  }
  if (node.is_object()) {
    for (const auto& [key, child] : node.items()) {
      label_words(child, path.empty() ? key : path + "." + key, page_number, names, labels);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) label_words(node[i], path + "." + std::to_string(i), page_number, names, labels);
  }
}

}  // namespace

void add_label_studio_routes(Server::Impl& impl) {
  impl.http.Get(R"(/v1/documents/(\d{1,18})/label-studio)",
                with_id([&impl](std::int64_t id, const httplib::Request& req, httplib::Response& res) {
    if (!impl.services.ocr) return send_error(res, 501, "not_available", "OCR is not available in this server");
    auto record = impl.store->document(id);
    if (!record) return send_status(res, record.status());
    auto latest = impl.store->latest_result(id);
    if (!latest) return send_status(res, latest.status());
    if (!*latest) return send_error(res, 409, "no_result", "document " + std::to_string(id) + " has no result yet");
    const json& result = **latest;
    auto path = impl.store->original_path(id);
    if (!path) return send_status(res, path.status());
    auto document = impl.services.ocr(*path);
    if (!document) return send_status(res, document.status());

    const auto names = label_names(result.value("schema", ""));
    const json fields = result.contains("fields") ? result["fields"] : json::object();
    std::string model_version = "textra";
    if (result.contains("engine") && result["engine"].is_object()) {
      model_version += "-" + result["engine"].value("name", "") + "-" + result["engine"].value("version", "");
    }
    // Label Studio fetches data.ocr itself: an absolute URL on the address the client used.
    std::string base = "http://" + req.get_header_value("Host") + "/v1/documents/" + std::to_string(id) + "/pages/";
    json tasks = json::array();
    for (const doc::Page& page : document->pages) {
      std::vector<std::string> labels(page.word_count());
      label_words(fields, "", page.index + 1, names.empty() ? nullptr : &names, labels);
      json task = ner::label_studio_task(page, labels, base + std::to_string(page.index + 1) + ".png", model_version);
      task["data"]["document_id"] = id;
      task["data"]["page"] = page.index + 1;
      tasks.push_back(std::move(task));
    }
    res.set_header("Content-Disposition",
                   "attachment; filename=\"document-" + std::to_string(id) + "-label-studio.json\"");
    send_json(res, 200, tasks);
  }));
}

}  // namespace textra::server
