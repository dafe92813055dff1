#include "ner/label_studio.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "ner/segments.h"

namespace textra::ner {
namespace {

double percent(int v, int size) { return size > 0 ? 100.0 * v / size : 0.0; }

nlohmann::json region_result(const std::string& id, const char* from_name, const char* type, nlohmann::json value,
                             const doc::Page& page) {
  return {{"id", id}, {"from_name", from_name}, {"to_name", "image"}, {"type", type},
          {"original_width", page.width}, {"original_height", page.height}, {"image_rotation", 0}, {"value", value}};
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

// The results of one task: annotations (the most recent non-cancelled one), else predictions.
const nlohmann::json* task_results(const nlohmann::json& task) {
  for (const char* key : {"annotations", "completions", "predictions"}) {
    if (!task.contains(key) || !task[key].is_array()) continue;
    for (auto it = task[key].rbegin(); it != task[key].rend(); ++it) {
      if (!it->is_object() || (it->contains("was_cancelled") && (*it)["was_cancelled"] == true)) continue;
      if (it->contains("result") && (*it)["result"].is_array()) return &(*it)["result"];
    }
  }
  return nullptr;
}

std::string first_string(const nlohmann::json& value, const char* key) {
  if (!value.contains(key) || !value[key].is_array() || value[key].empty() || !value[key][0].is_string()) return "";
  return value[key][0].get<std::string>();
}

}  // namespace

std::string labeling_config(const LabelSet& labels) {
  std::string xml = "<View>\n  <Image name=\"image\" value=\"$ocr\"/>\n  <Labels name=\"label\" toName=\"image\">\n";
  for (int i = 0; i < labels.size(); ++i) {
    if (i == labels.outside) continue;
    xml += "    <Label value=\"" + xml_escape(labels.labels[i].name) + "\"/>\n";
  }
  xml += "  </Labels>\n  <Rectangle name=\"bbox\" toName=\"image\" strokeWidth=\"3\"/>\n"
         "  <TextArea name=\"transcription\" toName=\"image\" editable=\"true\" perRegion=\"true\" required=\"true\"\n"
         "            maxSubmissions=\"1\" rows=\"5\" placeholder=\"Recognized Text\" displayMode=\"region-list\"/>\n"
         "</View>\n";
  return xml;
}

nlohmann::json label_studio_task(const doc::Page& page, const std::vector<std::string>& labels,
                                 const std::string& image, const std::string& model_version) {
  nlohmann::json results = nlohmann::json::array();
  int region = 0;
  for (const Segment& run : label_runs(page, labels)) {
    const doc::Box& box = run.box;
    std::string rid = "r" + std::to_string(++region);
    nlohmann::json geometry = {{"x", percent(box.x0, page.width)}, {"y", percent(box.y0, page.height)},
                               {"width", percent(box.width(), page.width)},
                               {"height", percent(box.height(), page.height)}, {"rotation", 0}};
    results.push_back(region_result(rid, "bbox", "rectangle", geometry, page));
    if (!run.label.empty()) {
      nlohmann::json v = geometry;
      v["labels"] = {run.label};
      results.push_back(region_result(rid, "label", "labels", v, page));
    }
    nlohmann::json v = geometry;
    v["text"] = {run.text};
    results.push_back(region_result(rid, "transcription", "textarea", v, page));
  }
  return {{"data", {{"ocr", image}}}, {"predictions", {{{"model_version", model_version}, {"result", results}}}}};
}

bool is_label_studio_export(const nlohmann::json& j) {
  if (!j.is_array() || j.empty() || !j[0].is_object()) return false;
  return j[0].contains("data") && (j[0].contains("annotations") || j[0].contains("predictions") || j[0].contains("completions"));
}

Result<std::vector<LabelledPage>> parse_label_studio_export(const nlohmann::json& j, const std::string& name) {
  if (!j.is_array()) return corrupt(name + ": a Label Studio export is a JSON array of tasks");
  std::vector<LabelledPage> pages;
  for (std::size_t t = 0; t < j.size(); ++t) {
    const nlohmann::json& task = j[t];
    std::string where = name + ": task " + std::to_string(t);
    if (!task.is_object()) return corrupt(where + ": not an object");
    const nlohmann::json* results = task_results(task);
    if (results == nullptr) continue;  // not labelled yet
    struct Region {
      doc::Box box;
      std::string text, label;
      bool has_box = false;
    };
    std::map<std::string, Region> regions;
    std::vector<std::string> order;
    int width = 0, height = 0;
    for (const auto& r : *results) {
      if (!r.is_object() || !r.contains("value") || !r["value"].is_object()) continue;
      const nlohmann::json& v = r["value"];
      std::string rid = r.contains("id") && r["id"].is_string() ? r["id"].get<std::string>() : std::to_string(order.size());
      if (!regions.count(rid)) order.push_back(rid);
      Region& region = regions[rid];
      if (r.contains("original_width") && r["original_width"].is_number_integer()) width = r["original_width"].get<int>();
      if (r.contains("original_height") && r["original_height"].is_number_integer()) height = r["original_height"].get<int>();
      if (width <= 0 || height <= 0 || width > 100000 || height > 100000) {
        return corrupt(where + ": results need original_width and original_height (pixels)");
      }
      if (!region.has_box && v.contains("x") && v["x"].is_number() && v.contains("y") && v["y"].is_number() &&
          v.contains("width") && v["width"].is_number() && v.contains("height") && v["height"].is_number()) {
        // Percentages are clamped to the image: a region dragged past its edge keeps the part on the page,
        // a negative size is read as the box it spans, and no hostile number can overflow the pixel arithmetic
        // downstream.
        auto pixels = [](double percent, int size) {
          return static_cast<int>(std::lround(std::clamp(percent, 0.0, 100.0) * size / 100));
        };
        double x = v["x"].get<double>(), y = v["y"].get<double>();
        double w = v["width"].get<double>(), h = v["height"].get<double>();
        int x0 = pixels(x, width), y0 = pixels(y, height), x1 = pixels(x + w, width), y1 = pixels(y + h, height);
        region.box = {std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
        region.has_box = true;
      }
      if (std::string text = first_string(v, "text"); !text.empty()) region.text = text;
      for (const char* key : {"labels", "rectanglelabels"}) {
        if (std::string label = first_string(v, key); !label.empty()) region.label = label;
      }
    }
    std::vector<Segment> segments;
    for (const std::string& rid : order) {
      const Region& r = regions[rid];
      if (r.has_box && !r.text.empty()) segments.push_back({r.box, r.text, r.label});
    }
    std::string id = where;
    if (task.contains("data") && task["data"].is_object()) {
      for (const auto& [key, value] : task["data"].items()) {
        if (value.is_string()) {
          id = value.get<std::string>();
          break;
        }
      }
    }
    pages.push_back(page_from_segments(id, std::move(segments), width, height));
  }
  return pages;
}

}  // namespace textra::ner
