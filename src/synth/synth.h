// Synthetic invoices with exact ground truth (docs/synth.md). Each invoice is drawn from its own seed
// (the run's seed and its index), so invoice i is the same whatever the count, and a run's files are
// the same bytes every time. Per invoice NAME (synth-000042), in the output folder:
//   gt/NAME.json     ground truth in the ../shared/data/invoices-fr/gt/ format (fields, raw, line items);
//   words/NAME.json  the words drawn, with their boxes and labels (ner/labelled_document.h): trains
//                    `textra train --data DIR/words` with no matching step;
//   img/NAME.png|jpg the page, unless the image format is "none".
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "imaging/image.h"
#include "ner/dataset.h"
#include "ner/label_set.h"
#include "synth/effects.h"

namespace textra::synth {

struct SynthOptions {
  std::uint64_t seed = 1;
  std::string image_format = "png";  // png, jpg, none
  EffectSet effects;                 // effects that may be drawn
  double word_noise = 0;             // share of words given OCR-like errors in words/ (0..1)
  std::string label_set = "invoice";  // label names written in words/ (a field the set lacks stays unlabelled)
};

struct SynthInvoice {
  std::string name;           // synth-000042
  nlohmann::json ground_truth;
  ner::LabelledPage page;     // words in reading order and their labels
  imaging::Image image;       // empty when the format is "none"
  int jpeg_quality = 0;       // drawn by the jpeg effect; 0 = the default quality
};

class FontLibrary;

class InvoiceGenerator {
 public:
  static Result<std::unique_ptr<InvoiceGenerator>> create(const SynthOptions& options);
  ~InvoiceGenerator();
  Result<SynthInvoice> generate(int index);
  // Writes gt/, words/ and img/ files of the invoice under dir (the folders must exist).
  Status write(const SynthInvoice& invoice, const std::string& dir) const;

 private:
  InvoiceGenerator(SynthOptions options, ner::LabelSet labels, std::unique_ptr<FontLibrary> fonts);
  SynthOptions options_;
  ner::LabelSet labels_;
  std::unique_ptr<FontLibrary> fonts_;
};

// Generates invoices first..first+count-1 into dir (created), on `threads` threads (0 = all cores).
// progress(done) is called after each invoice, from one thread at a time.
Status generate_invoices(const SynthOptions& options, int first, int count, const std::string& dir, int threads,
                         const std::function<void(int)>& progress = {});

}  // namespace textra::synth
