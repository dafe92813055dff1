// Reading the JSON bodies of the Ollama and OpenAI endpoints: typed fields with messages that name the
// field, so a malformed request gets a 400 that says what is wrong.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "llm/chat/chat_template.h"
#include "server/completion.h"

namespace textra::server {

// The body as JSON (an object), keys in the client's order (a JSON Schema's properties keep their order).
Result<nlohmann::ordered_json> parse_body(const httplib::Request& req);
// "model" (Ollama's older clients send "name"): a non-empty string.
Status read_model(const nlohmann::ordered_json& body, std::string& model);
// Optional fields: absent or null leaves `out` as it is; a value of the wrong type is an error.
Status read_number(const nlohmann::ordered_json& object, const char* key, float& out);
Status read_number(const nlohmann::ordered_json& object, const char* key, int& out);
Status read_number(const nlohmann::ordered_json& object, const char* key, std::int64_t& out);
// An answer budget (OpenAI max_tokens, Ollama num_predict): an integer up to kMaxTokenBudget, at least 1, or
// with unbounded_allowed (Ollama) at least 0 or -1/-2 for "until the context is full" (stored as -1).
// The completion service also refuses a budget beyond the model's context.
inline constexpr std::int64_t kMaxTokenBudget = 1 << 20;
Status read_token_budget(const nlohmann::ordered_json& object, const char* key, bool unbounded_allowed,
                         std::int64_t& out);
Status read_bool(const nlohmann::ordered_json& object, const char* key, bool& out);
// A seed: a non-negative integer (a negative one, as Ollama's -1, keeps the random `out`).
Status read_seed(const nlohmann::ordered_json& object, const char* key, std::uint64_t& out);
// A stop string or a list of them.
Status read_stop(const nlohmann::ordered_json& object, const char* key, std::vector<std::string>& out);
// "messages": [{"role", "content"}] where content is a string, null, or OpenAI's list of {"type": "text"}
// parts. Images and tools are refused: the engine reads text only.
Status read_chat_messages(const nlohmann::ordered_json& body, std::vector<llm::ChatMessage>& out);
// Ollama /api/generate: "prompt" with "system" as a conversation, or with "raw": true as is.
Status read_generate_prompt(const nlohmann::ordered_json& body, CompletionRequest& request);

}  // namespace textra::server
