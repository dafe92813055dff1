#include "ner/textra_format.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "ner/segments.h"

namespace textra::ner {

bool is_textra_format(const nlohmann::json& j) {
  return j.is_array() && !j.empty() && j[0].is_object() && j[0].contains("file_name") && j[0].contains("annotations");
}

Result<std::vector<LabelledPage>> parse_textra_format(const nlohmann::json& j, const LabelSet& labels,
                                                      const std::string& name) {
  if (!is_textra_format(j)) return corrupt(name + ": not Textra training format (array of {file_name, annotations})");
  std::vector<LabelledPage> pages;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& doc = j[i];
    std::string where = name + ": document " + std::to_string(i);
    if (!doc.is_object() || !doc.contains("file_name") || !doc["file_name"].is_string() || !doc.contains("width") ||
        !doc["width"].is_number_integer() || !doc.contains("height") || !doc["height"].is_number_integer() ||
        !doc.contains("annotations") || !doc["annotations"].is_array()) {
      return corrupt(where + ": needs file_name, width, height (integers) and annotations");
    }
    int width = doc["width"].get<int>(), height = doc["height"].get<int>();
    if (width <= 0 || height <= 0 || width > 100000 || height > 100000) return corrupt(where + ": implausible image size");
    std::vector<Segment> segments;
    for (const auto& a : doc["annotations"]) {
      if (!a.is_object() || !a.contains("box") || !a["box"].is_array() || a["box"].size() != 4 || !a.contains("text") ||
          !a["text"].is_string() || !a.contains("label") || !a["label"].is_number_integer()) {
        return corrupt(where + ": an annotation needs box [4 numbers], text and label (integer id)");
      }
      double b[4];
      for (int k = 0; k < 4; ++k) {
        if (!a["box"][k].is_number()) return corrupt(where + ": box values must be numbers");
        b[k] = a["box"][k].get<double>();
        // Beyond the image the pixel coordinates would not fit an int (and mean nothing).
        if (!(b[k] >= 0 && b[k] <= 100)) return corrupt(where + ": box values must be percents from 0 to 100");
      }
      int id = a["label"].get<int>();
      if (id < 0 || id >= labels.size()) return corrupt(where + ": label id " + std::to_string(id) + " is not in set " + labels.name);
      // Percent of the image -> pixels (the README's convention: top-left origin, y down).
      doc::Box box{static_cast<int>(std::lround(b[0] * width / 100)), static_cast<int>(std::lround(b[1] * height / 100)),
                   static_cast<int>(std::lround(b[2] * width / 100)), static_cast<int>(std::lround(b[3] * height / 100))};
      segments.push_back({box, a["text"].get<std::string>(), id == labels.outside ? "" : labels.labels[id].name});
    }
    pages.push_back(page_from_segments(doc["file_name"].get<std::string>(), std::move(segments), width, height));
  }
  return pages;
}

Result<nlohmann::json> to_textra_format(const std::vector<LabelledPage>& pages, const LabelSet& labels) {
  nlohmann::json out = nlohmann::json::array();
  for (const LabelledPage& p : pages) {
    nlohmann::json annotations = nlohmann::json::array();
    const double w = std::max(1, p.page.width), h = std::max(1, p.page.height);
    for (const Segment& run : label_runs(p.page, p.labels)) {
      auto id = run.label.empty() ? std::optional<int>(labels.outside) : labels.find(run.label);
      if (!id) return invalid_argument(p.id + ": label '" + run.label + "' is not in label set " + labels.name);
      annotations.push_back({{"box", {100.0 * run.box.x0 / w, 100.0 * run.box.y0 / h, 100.0 * run.box.x1 / w,
                                      100.0 * run.box.y1 / h}},
                             {"text", run.text}, {"label", *id}});
    }
    out.push_back({{"file_name", p.id}, {"height", p.page.height}, {"width", p.page.width}, {"annotations", annotations}});
  }
  return out;
}

}  // namespace textra::ner
