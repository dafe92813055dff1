// The ground truth matches what was drawn: Tesseract reads every ground-truth value on clean pages.
#include <gtest/gtest.h>

#include "ocr/engine.h"
#include "synth/synth.h"
#include "synth_test_support.h"

namespace textra::synth {
namespace {

std::string without_spaces(std::string s) {
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
  return s;
}

TEST(SynthOcr, TesseractFindsEveryGroundTruthValueOnCleanPages) {
  SynthOptions options;
  options.effects = *parse_effects("none");
  auto generator = testing::make_generator(options);
  ASSERT_TRUE(generator);
  auto engine = ocr::Engine::create(ocr::EngineOptions{});
  ASSERT_TRUE(engine.is_ok()) << engine.status().message();
  for (int i = 0; i < 4; ++i) {
    auto inv = generator->generate(i);
    ASSERT_TRUE(inv.is_ok());
    auto page = (*engine)->recognize(inv->image, 0);
    ASSERT_TRUE(page.is_ok()) << page.status().message();
    const std::string text = without_spaces(page->text());
    for (const auto& [label, field] : testing::labelled_fields()) {
      const std::string raw = testing::at(inv->ground_truth["raw"], field);
      EXPECT_NE(text.find(without_spaces(raw)), std::string::npos) << "invoice " << i << " " << field << " '" << raw << "' not in:\n" << page->text();
    }
  }
}

}  // namespace
}  // namespace textra::synth
