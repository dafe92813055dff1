// Label Studio (labelstud.io) JSON, following its documented formats ("Label Studio JSON format of
// annotated tasks" and the OCR template): one task per image with data.ocr = the image, and per text
// region three results sharing one region id: a "rectangle" (from_name "bbox"), its "labels"
// (from_name "label") and its "textarea" transcription (from_name "transcription"); x, y, width,
// height in percent of original_width / original_height, (x, y) the top-left corner.
//   - export: OCR pre-annotations as task "predictions" (regions = runs of words of one predicted label
//     within a line), for people to correct in Label Studio with the config of labeling_config();
//   - import: Label Studio's JSON export (task "annotations"; "predictions" when a task has no
//     annotation) back as training pages. Rectangle-labels results ("rectanglelabels") are read too.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "ner/dataset.h"
#include "ner/label_set.h"

namespace textra::ner {

// The labeling config (XML) for a label set: Image $ocr, Labels, Rectangle, per-region TextArea.
std::string labeling_config(const LabelSet& labels);

// One task for a page. `labels` per word id (names, "" = outside; empty vector = no labels);
// `image` is what data.ocr points at (a URL or path Label Studio can serve).
nlohmann::json label_studio_task(const doc::Page& page, const std::vector<std::string>& labels,
                                 const std::string& image, const std::string& model_version);

bool is_label_studio_export(const nlohmann::json& j);
Result<std::vector<LabelledPage>> parse_label_studio_export(const nlohmann::json& j, const std::string& name);

}  // namespace textra::ner
