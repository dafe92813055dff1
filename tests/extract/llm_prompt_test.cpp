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
  // The schema as one line a field (name, type, description), not the JSON Schema text: fewer tokens.
  EXPECT_NE(fr.messages[0].content.find("- company (text): Name of the shop"), std::string::npos);
  EXPECT_NE(fr.messages[0].content.find("- total (amount): "), std::string::npos);
  EXPECT_NE(fr.messages[0].content.find("n'invente rien"), std::string::npos);
  EXPECT_NE(fr.messages[1].content.find("TOTAL 9.00"), std::string::npos);
  EXPECT_TRUE(fr.json_schema.contains("properties"));
  LlmRequest en = build_llm_request(*schema, "x", "en");
  EXPECT_NE(en.messages[0].content.find("never invent"), std::string::npos);
}

TEST(LlmPrompt, NestedFieldsAreIndentedUnderTheirParent) {
  auto schema = fields::builtin_schema("invoice");
  ASSERT_TRUE(schema.is_ok());
  const std::string text = llm_prompt_parts(*schema, "", "en").schema;
  EXPECT_NE(text.find("\n- supplier (object): The seller who issued the invoice\n  - name (text): "), std::string::npos)
      << text;
  EXPECT_NE(text.find("\n  - other_ids (object: printed name -> id): "), std::string::npos) << text;
  EXPECT_NE(text.find("\n- line_items (list of objects): Table rows that carry an amount\n  - description (text)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("\n- invoice_date (date): "), std::string::npos) << text;
  auto quick = fields::schema_from_field_list("paid:boolean,kind:enum(a|b)");
  ASSERT_TRUE(quick.is_ok());
  const std::string quick_text = llm_prompt_parts(*quick, "", "en").schema;
  EXPECT_NE(quick_text.find("- paid (true/false)"), std::string::npos) << quick_text;
  EXPECT_NE(quick_text.find("- kind (one of a | b)"), std::string::npos) << quick_text;
}

TEST(LlmPrompt, LongRunsOfSpacesAreCutButColumnsStayApart) {
  EXPECT_EQ(cap_space_runs("Total HT          690,00\n        TVA 20 %   138,00", 3), "Total HT   690,00\n   TVA 20 %   138,00");
  EXPECT_EQ(cap_space_runs("a b  c   d", 3), "a b  c   d");
  EXPECT_EQ(cap_space_runs("", 3), "");
}

}  // namespace
}  // namespace textra::extract
