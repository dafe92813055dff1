#include "ocr/ppocr/pipeline.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace textra::ocr::ppocr {
namespace {

// Each engine is one worker of the -j pool: a network call uses one thread, the pool the cores.
const nn::RunOptions kOneThread{1};

Status unexpected_output(const char* network, const nn::Tensor& tensor) {
  std::string shape;
  for (int64_t d : tensor.shape) shape += (shape.empty() ? "" : "x") + std::to_string(d);
  return internal_error(std::string("PP-OCR ") + network + " network: unexpected output shape " + shape);
}

}  // namespace

doc::Box page_box(const OrientedQuad& line, float x0, float x1) {
  const Homography to_page(line.quad, static_cast<float>(line.width), static_cast<float>(line.height));
  const float h = static_cast<float>(line.height);
  float left = 1e30f, top = 1e30f, right = -1e30f, bottom = -1e30f;
  for (Point p : {to_page.map(x0, 0), to_page.map(x1, 0), to_page.map(x0, h), to_page.map(x1, h)}) {
    left = std::min(left, p.x), right = std::max(right, p.x), top = std::min(top, p.y), bottom = std::max(bottom, p.y);
  }
  return {std::max(0, static_cast<int>(std::floor(left))), std::max(0, static_cast<int>(std::floor(top))),
          std::max(0, static_cast<int>(std::ceil(right))), std::max(0, static_cast<int>(std::ceil(bottom)))};
}

Result<std::vector<TextBox>> Pipeline::detect(const PageImage& page) const {
  const InputSize size = detection_input_size(page.width(), page.height(), options_.detection.max_side);
  TEXTRA_ASSIGN_OR_RETURN(std::vector<nn::Tensor> outputs,
                          networks_->detector->run({detection_input(page, size)}, kOneThread));
  if (outputs.empty()) return internal_error("PP-OCR detection network: no output");
  const nn::Tensor& out = outputs.front();
  if (out.shape != std::vector<int64_t>{1, 1, size.height, size.width}) return unexpected_output("detection", out);
  ProbabilityMap map{size.width, size.height, std::move(outputs.front().data)};
  std::vector<TextBox> boxes = text_boxes(map, page.width(), page.height(), options_.detection);
  networks_->detector->recycle({nn::Tensor{{}, std::move(map.values)}});
  return boxes;
}

Status Pipeline::turn_upside_down_lines(std::vector<ReadLine>& lines) const {
  for (std::size_t start = 0; start < lines.size(); start += static_cast<std::size_t>(options_.batch_size)) {
    const std::size_t end = std::min(lines.size(), start + static_cast<std::size_t>(options_.batch_size));
    std::vector<FloatImage> small;
    for (std::size_t i = start; i < end; ++i) small.push_back(at_height(lines[i].crop, kLineHeight, kClassifierWidth));
    std::vector<const FloatImage*> batch;
    for (const FloatImage& image : small) batch.push_back(&image);
    TEXTRA_ASSIGN_OR_RETURN(std::vector<nn::Tensor> outputs,
                            networks_->classifier->run({to_tensor(batch, kClassifierWidth, kLineNormalization)}, kOneThread));
    if (outputs.empty() || outputs.front().shape != std::vector<int64_t>{static_cast<int64_t>(batch.size()), 2}) {
      return outputs.empty() ? internal_error("PP-OCR direction network: no output")
                             : unexpected_output("direction", outputs.front());
    }
    const std::vector<float>& p = outputs.front().data;  // per line: upright, upside down
    for (std::size_t i = start; i < end; ++i) {
      float upright = p[(i - start) * 2], turned = p[(i - start) * 2 + 1];
      if (turned > upright && turned >= options_.turn_confidence) {
        lines[i].line = turned_180(lines[i].line);
        lines[i].crop = rotated_180(lines[i].crop);
      }
    }
  }
  return Status::ok();
}

Status Pipeline::recognize(std::vector<ReadLine>& lines) const {
  std::vector<FloatImage> inputs;
  inputs.reserve(lines.size());
  for (ReadLine& line : lines) {
    inputs.push_back(at_height(line.crop, kLineHeight, options_.max_line_width));
    line.input_width = inputs.back().width;
  }
  // Sorted by width, so each batch pads little.
  std::vector<std::size_t> order(lines.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return inputs[a].width < inputs[b].width; });
  const int classes = networks_->keys.class_count();
  // Widest batch first: the buffers its run leaves in the network's pool are large enough for every later
  // batch, where narrowest first needed fresh memory for each (page faults were a fifth of the time).
  const std::size_t batch_size = static_cast<std::size_t>(options_.batch_size);
  for (std::size_t batch_end = order.size(); batch_end > 0;) {
    const std::size_t start = (batch_end - 1) / batch_size * batch_size;
    batch_end = start;
    const std::size_t end = std::min(order.size(), start + static_cast<std::size_t>(options_.batch_size));
    std::vector<const FloatImage*> batch;
    int width = options_.min_batch_width;
    for (std::size_t k = start; k < end; ++k) {
      batch.push_back(&inputs[order[k]]);
      width = std::max(width, inputs[order[k]].width);
    }
    TEXTRA_ASSIGN_OR_RETURN(std::vector<nn::Tensor> outputs,
                            networks_->recognizer->run({to_tensor(batch, width, kLineNormalization)}, kOneThread));
    if (outputs.empty()) return internal_error("PP-OCR recognition network: no output");
    const nn::Tensor& out = outputs.front();
    if (out.shape.size() != 3 || out.shape[0] != static_cast<int64_t>(batch.size()) || out.shape[2] != classes ||
        out.shape[1] <= 0) {
      return unexpected_output("recognition", out);
    }
    const int frames = static_cast<int>(out.shape[1]);
    for (std::size_t k = start; k < end; ++k) {
      ReadLine& line = lines[order[k]];
      const float* probabilities = out.data.data() + (k - start) * static_cast<std::size_t>(frames) * classes;
      line.words = split_words(ctc_greedy(probabilities, frames, classes), networks_->keys, options_.words);
      line.padded_width = width;
      line.frames = frames;
      // A character's spike sits inside its glyph: a word spans from half a frame before its first spike to
      // half a frame after its last, in input pixels, then in crop pixels.
      const float step = static_cast<float>(width) / frames;
      const float to_crop = static_cast<float>(line.crop.width) / static_cast<float>(line.input_width);
      line.segment = Segment{};
      for (const DecodedWord& word : line.words) {
        float x0 = std::max(0.0f, (word.first_frame - 0.5f) * step) * to_crop;
        float x1 = std::min(static_cast<float>(line.input_width), (word.last_frame + 1.5f) * step) * to_crop;
        doc::Word w{word.text, page_box(line.line, x0, std::max(x0 + 1, x1)), word.confidence};
        line.segment.box = line.segment.box.united(w.box);
        line.segment.words.push_back(std::move(w));
      }
    }
    networks_->recognizer->recycle(std::move(outputs));
  }
  return Status::ok();
}

Result<std::vector<ReadLine>> Pipeline::read(const PageImage& page) const {
  TEXTRA_ASSIGN_OR_RETURN(std::vector<TextBox> boxes, detect(page));
  std::vector<ReadLine> lines;
  lines.reserve(boxes.size());
  for (const TextBox& box : boxes) {
    ReadLine line;
    line.line = line_quad(box.quad);
    line.crop = crop(page, line.line);
    lines.push_back(std::move(line));
  }
  if (options_.classify) TEXTRA_RETURN_IF_ERROR(turn_upside_down_lines(lines));
  TEXTRA_RETURN_IF_ERROR(recognize(lines));
  return lines;
}

}  // namespace textra::ocr::ppocr
