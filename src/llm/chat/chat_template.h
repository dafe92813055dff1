// Chat messages -> the exact prompt text a model was trained on. Like llama.cpp's
// llama_chat_apply_template, the family is recognised from the model's `tokenizer.chat_template` (Jinja
// source) and rendered by a built-in formatter; no Jinja is run. The rendered text contains the
// special-token texts (<|eot_id|>, <|im_start|>, ...): tokenize it with parse_special and, as llama.cpp
// does, with add_special (the formatters never write the BOS text).
//
//   ChatFamily family = detect_chat_family(template_text);          // e.g. from GGUF metadata
//   std::string prompt = render_chat(family, {{"system", "..."}, {"user", "..."}});
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace textra::llm {

struct ChatMessage {
  std::string role;  // "system", "user" or "assistant" (other roles are written as given where the format allows)
  std::string content;
};

enum class ChatFamily {
  kChatMl,          // Qwen2/2.5 and many others: <|im_start|>role\n...<|im_end|>\n
  kLlama3,          // <|start_header_id|>role<|end_header_id|>\n\n...<|eot_id|>
  kPhi3,            // <|role|>\n...<|end|>\n
  kPhi4,            // <|im_start|>role<|im_sep|>...<|im_end|>
  kMistralV1,       // " [INST] ... [/INST]"
  kMistralV3,       // "[INST] ...[/INST]", assistant turns trimmed
  kMistralV3Tekken, // "[INST]...[/INST]"
  kMistralV7,       // [SYSTEM_PROMPT] ...[/SYSTEM_PROMPT][INST] ...[/INST]
  kLlama2,          // [INST] ... [/INST], no system block
  kLlama2Sys,       // with <<SYS>> block
  kLlama2SysBos,    // ... and <s> before every later [INST]
  kLlama2SysStrip,  // ... and message contents trimmed
  kGemma,           // <start_of_turn>user\n...<end_of_turn>\n, system text folded into the first user turn
  kGeneric,         // a template we do not recognise: plain "Role: content" lines (see docs/tokenizer.md)
};

// llama.cpp's detection rules, in its order. A template that is exactly a family name ("chatml", "llama3",
// "phi3", "mistral-v7", ...) selects it. An empty template (the model has none) gives ChatML, llama.cpp's
// default; an unrecognised one gives kGeneric.
ChatFamily detect_chat_family(std::string_view template_text);

// "chatml", "llama3", "phi3", ... (llama.cpp's names); "generic" for kGeneric.
const char* chat_family_name(ChatFamily family);
std::optional<ChatFamily> chat_family_from_name(std::string_view name);

// For `textra model info`: the family name of a model's `tokenizer.chat_template` text, e.g. "llama3";
// "chatml (no template)" when the model has none and "generic (unrecognised template)" for kGeneric.
std::string chat_template_family_label(std::string_view template_text);

// The prompt text; with add_generation_prompt the assistant header that starts the model's reply is
// appended (for families that have one).
std::string render_chat(ChatFamily family, std::span<const ChatMessage> messages, bool add_generation_prompt = true);

}  // namespace textra::llm
