// NER engine benchmark (not a test): inference time per page on the SROIE test split (ground-truth box
// lines) split into attribute extraction and CRF decoding, and, given a folder of OCR documents
// (textra ocr -f json of SROIE images), the OCR ceiling: how often each key value appears in the OCR
// words at all (fields::locate at similarity 1: exact letters and digits, or the same date/amount).
// There is no other tool a user would run instead on the same input, so the table has no comparison column.
//   bench_ner [--model FILE] [--sroie DIR] [--ceiling OCR_DIR]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "base/files.h"
#include "base/shared_paths.h"
#include "doc/json.h"
#include "fields/provenance.h"
#include "fields/schema.h"
#include "ner/crf.h"
#include "ner/features.h"
#include "ner/model_file.h"
#include "ner/sroie.h"

using namespace textra;

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

int timing(const std::string& model_path, const std::string& sroie) {
  auto model = ner::load_model(model_path);
  if (!model.is_ok()) {
    std::fprintf(stderr, "%s\n", model.status().message().c_str());
    return 1;
  }
  auto ids = ner::sroie_split(sroie, "test");
  if (!ids.is_ok()) {
    std::fprintf(stderr, "%s\n", ids.status().message().c_str());
    return 1;
  }
  double features_ms = 0, decode_ms = 0;
  std::size_t words = 0;
  for (const std::string& id : *ids) {
    auto d = ner::load_sroie_document(sroie, id);
    if (!d.is_ok()) continue;
    auto t0 = std::chrono::steady_clock::now();
    ner::CrfSequence seq = ner::encode_sequence(ner::page_attributes(d->page), *model);
    features_ms += ms_since(t0);
    auto t1 = std::chrono::steady_clock::now();
    auto path = ner::viterbi(ner::params_of(model->weights), seq);
    auto marg = ner::marginals(ner::params_of(model->weights), seq);
    decode_ms += ms_since(t1);
    words += path.size();
    static_cast<void>(marg);
  }
  double n = static_cast<double>(ids->size());
  std::printf("%-34s %8s %10s %12s %12s %10s\n", "input", "pages", "words/page", "features ms", "CRF ms", "total ms");
  std::printf("%-34s %8zu %10.0f %12.3f %12.3f %10.3f\n", "SROIE test, ground-truth lines", ids->size(), words / n,
              features_ms / n, decode_ms / n, (features_ms + decode_ms) / n);
  std::printf("summary: NER inference %.2f ms/page (one core, after OCR)\n", (features_ms + decode_ms) / n);
  return 0;
}

int ceiling(const std::string& ocr_dir, const std::string& sroie) {
  auto schema = fields::builtin_schema("receipt");
  std::map<std::string, int> present, total;
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ocr_dir)) {
    if (entry.path().extension() != ".json") continue;
    std::string id = entry.path().stem().string();
    auto key_text = read_file(sroie + "/key/" + id + ".json");
    if (!key_text.is_ok()) continue;
    auto document = doc::read_document_file(entry.path().string());
    auto key = ner::parse_sroie_key(*key_text, id);
    if (!document.is_ok() || !key.is_ok()) continue;
    ++documents;
    for (const auto& [field, value] : *key) {
      const fields::FieldSpec* spec = schema->find(field);
      if (spec == nullptr || value.empty()) continue;
      ++total[field];
      fields::FieldValue fv;
      fv.raw = value;
      fv.value = value;
      fields::LocateOptions exact;
      exact.min_similarity = 1.0;
      if (fields::locate(*document, *spec, fv, exact)) ++present[field];
    }
  }
  std::printf("%-10s %10s %10s %10s\n", "field", "documents", "in OCR", "ceiling");
  double mean = 0;
  for (const auto& [field, n] : total) {
    std::printf("%-10s %10d %10d %10.3f\n", field.c_str(), n, present[field], double(present[field]) / n);
    mean += double(present[field]) / n / total.size();
  }
  std::printf("summary: %d OCR'd documents, mean ceiling %.3f (share of key values printed exactly in the OCR words)\n",
              documents, mean);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string model = "models/receipt-sroie.crf";
  std::string sroie = shared_dir() + "/data/sroie";
  std::string ocr_dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--model") model = argv[i + 1];
    else if (a == "--sroie") sroie = argv[i + 1];
    else if (a == "--ceiling") ocr_dir = argv[i + 1];
  }
  return ocr_dir.empty() ? timing(model, sroie) : ceiling(ocr_dir, sroie);
}
