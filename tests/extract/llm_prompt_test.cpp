#include "extract/llm_prompt.h"

#include <gtest/gtest.h>

namespace textra::extract {
namespace {

std::string numbered_lines(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += "line " + std::to_string(i) + " ..........\n";
  return text;
}

TEST(LlmPrompt, LongDocumentsKeepTheirStartAndEnd) {
  std::string text = numbered_lines(200);
  std::string fitted = fit_document_text(text, 600);
  EXPECT_LE(fitted.size(), 600u);
  EXPECT_EQ(fitted.rfind("line 0 ", 0), 0u);                      // the header (numbers, dates, parties)
  EXPECT_NE(fitted.find("line 199 "), std::string::npos);          // the totals at the end
  EXPECT_NE(fitted.find("[...]"), std::string::npos);
  EXPECT_EQ(fitted.find("line 100 "), std::string::npos);
  EXPECT_EQ(fit_document_text(text, 0), text);
  EXPECT_EQ(fit_document_text("short", 600), "short");
}

TEST(LlmPrompt, CarriesSchemaInstructionsAndDocumentInItsLanguage) {
  auto schema = fields::builtin_schema("receipt");
  ASSERT_TRUE(schema.is_ok());
  LlmRequest fr = build_llm_request(*schema, "TOTAL 9.00", "fr");
  ASSERT_EQ(fr.messages.size(), 2u);
  EXPECT_EQ(fr.messages[0].role, "system");
  EXPECT_NE(fr.messages[0].content.find("\"company\""), std::string::npos);
  EXPECT_NE(fr.messages[0].content.find("n'invente rien"), std::string::npos);
  EXPECT_NE(fr.messages[1].content.find("TOTAL 9.00"), std::string::npos);
  EXPECT_TRUE(fr.json_schema.contains("properties"));
  LlmRequest en = build_llm_request(*schema, "x", "en");
  EXPECT_NE(en.messages[0].content.find("never invent"), std::string::npos);
}

}  // namespace
}  // namespace textra::extract
