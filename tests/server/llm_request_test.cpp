// The request readers of the Ollama/OpenAI endpoints on hostile bodies (cases found by the fuzzers).
#include <gtest/gtest.h>

#include "server/llm_request.h"

namespace textra::server {
namespace {

using nlohmann::ordered_json;

// Found by http_fuzz.py: a content part whose "type" is not a string threw, and the server answered 500.
TEST(LlmRequest, ContentPartsWithANonStringTypeAreRefused) {
  for (const char* part : {R"({"type": 1, "text": "x"})", R"({"type": null})", R"({"type": ["text"]})"}) {
    const ordered_json body = ordered_json::parse(std::string(R"({"messages": [{"role": "user", "content": [)") +
                                                  part + "]}]}");
    std::vector<llm::ChatMessage> messages;
    Status read = read_chat_messages(body, messages);
    ASSERT_FALSE(read.is_ok()) << part;
    EXPECT_NE(read.message().find("messages[0].content"), std::string::npos) << read.message();
  }
}

TEST(LlmRequest, TextContentPartsAreJoined) {
  const ordered_json body = ordered_json::parse(
      R"({"messages": [{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}]})");
  std::vector<llm::ChatMessage> messages;
  ASSERT_TRUE(read_chat_messages(body, messages).is_ok());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].content, "ab");
}

}  // namespace
}  // namespace textra::server
