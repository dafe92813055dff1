// Writes seeds for the NER import targets from the SROIE documents of the shared data:
//   make_seeds sroie SROIE_DIR OUT_DIR         box CSV, a NUL byte, key JSON (sroie_fuzz's input)
//   make_seeds label_studio SROIE_DIR OUT_DIR  Label Studio exports of the pages' first lines with their labels
#include <cstdio>
#include <string>

#include "base/files.h"
#include "ner/label_studio.h"
#include "ner/sroie.h"

using namespace textra;

namespace {

constexpr std::size_t kDocuments = 20;
constexpr std::size_t kLabelStudioLines = 4;  // keeps each export under the target's max_len

// The first lines of a labelled page (labels are per word id, so the first words' labels).
ner::LabelledPage first_lines(ner::LabelledPage page) {
  if (page.page.lines.size() > kLabelStudioLines) page.page.lines.resize(kLabelStudioLines);
  page.labels.resize(std::min(page.labels.size(), page.page.word_count()));
  return page;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: make_seeds sroie|label_studio SROIE_DIR OUT_DIR\n");
    return 2;
  }
  const std::string kind = argv[1], dir = argv[2], out = argv[3];
  auto ids = ner::sroie_split(dir, "train");
  if (!ids.is_ok()) {
    std::fprintf(stderr, "make_seeds: %s (no seeds from the shared data)\n", ids.status().message().c_str());
    return 0;
  }
  bool ok = true;
  for (std::size_t i = 0; i < ids->size() && i < kDocuments; ++i) {
    const std::string& id = (*ids)[i];
    if (kind == "sroie") {
      auto csv = read_file(dir + "/box/" + id + ".csv");
      auto key = read_file(dir + "/key/" + id + ".json");
      if (csv.is_ok() && key.is_ok()) ok &= write_file(out + "/" + id, *csv + '\0' + *key).is_ok();
    } else if (kind == "label_studio") {
      auto document = ner::load_sroie_document(dir, id);
      if (!document.is_ok()) continue;
      const ner::LabelledPage page = first_lines(ner::sroie_labelled_page(*document));
      const nlohmann::json task = ner::label_studio_task(page.page, page.labels, "/data/" + id + ".jpg", "seed");
      ok &= write_file(out + "/" + id + ".json", nlohmann::json::array({task}).dump()).is_ok();
    } else {
      std::fprintf(stderr, "make_seeds: unknown kind %s\n", kind.c_str());
      return 2;
    }
  }
  return ok ? 0 : 1;
}
