// The chat fixtures of ../shared/fixtures/llm: the family is detected from the model's own
// tokenizer.chat_template, the messages rendered as llama.cpp renders them, and the prompt tokenized as
// llama.cpp does (add_special, parse_special) must give the fixture's prompt ids.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/files.h"
#include "llm/chat/chat_template.h"
#include "llm/tokenizer/gguf_vocabulary.h"
#include "test_support.h"

namespace textra::llm {
namespace {

using json = nlohmann::json;

// The parameter names both the tiny chat model and the family its template must be detected as.
class ChatFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ChatFixture, RenderingAndPromptIdsMatchLlamaCpp) {
  TEXTRA_REQUIRE_SHARED();
  const std::string dir = testing::shared_dir() + "/fixtures/llm/";
  auto file = GgufFile::open(dir + "tiny-" + GetParam() + "-chat-q8_0.gguf");
  ASSERT_TRUE(file.is_ok()) << file.status().message();
  auto vocab = vocabulary_from_gguf(**file);
  ASSERT_TRUE(vocab.is_ok()) << vocab.status().message();
  auto tok = Tokenizer::create(std::move(vocab).value(), "chat model");
  ASSERT_TRUE(tok.is_ok()) << tok.status().message();
  auto tmpl = (*file)->get_string("tokenizer.chat_template");
  ASSERT_TRUE(tmpl.is_ok());
  const ChatFamily family = detect_chat_family(*tmpl);
  EXPECT_STREQ(chat_family_name(family), GetParam().c_str());

  for (int n = 1; n <= 3; ++n) {
    auto text = read_file(dir + "tiny-" + GetParam() + "-chat-" + std::to_string(n) + ".json");
    ASSERT_TRUE(text.is_ok());
    const json c = json::parse(*text);
    EXPECT_EQ(c["chat_template"].get<std::string>(), *tmpl);
    std::vector<ChatMessage> messages;
    for (const json& m : c["messages"]) messages.push_back({m["role"], m["content"]});
    const std::string prompt = render_chat(family, messages);
    EXPECT_EQ(prompt, c["rendered_llamacpp"].get<std::string>()) << "case " << n;
    EXPECT_EQ((*tok)->encode(prompt, {.add_special = true, .parse_special = true}),
              c["prompt_ids"].get<std::vector<TokenId>>()) << "case " << n;
    // The Jinja rendering (informative in the fixture) exercises the tokenizer on other text.
    EXPECT_EQ((*tok)->encode(c["rendered_jinja"].get<std::string>(), {.add_special = false, .parse_special = true}),
              c["prompt_ids_from_jinja_rendering"].get<std::vector<TokenId>>()) << "case " << n;
  }
}

INSTANTIATE_TEST_SUITE_P(Families, ChatFixture, ::testing::Values("llama3", "phi3"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace textra::llm
