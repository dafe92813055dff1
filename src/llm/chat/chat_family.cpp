// Which chat family a template belongs to: llama.cpp's substring rules (llm_chat_detect_template), in order.
#include <array>
#include <string>
#include <utility>

#include "llm/chat/chat_template.h"

namespace textra::llm {
namespace {

constexpr std::array<std::pair<std::string_view, ChatFamily>, 14> kNames = {{
    {"chatml", ChatFamily::kChatMl},
    {"llama3", ChatFamily::kLlama3},
    {"phi3", ChatFamily::kPhi3},
    {"phi4", ChatFamily::kPhi4},
    {"mistral-v1", ChatFamily::kMistralV1},
    {"mistral-v3", ChatFamily::kMistralV3},
    {"mistral-v3-tekken", ChatFamily::kMistralV3Tekken},
    {"mistral-v7", ChatFamily::kMistralV7},
    {"llama2", ChatFamily::kLlama2},
    {"llama2-sys", ChatFamily::kLlama2Sys},
    {"llama2-sys-bos", ChatFamily::kLlama2SysBos},
    {"llama2-sys-strip", ChatFamily::kLlama2SysStrip},
    {"gemma", ChatFamily::kGemma},
    {"generic", ChatFamily::kGeneric},
}};

}  // namespace

const char* chat_family_name(ChatFamily family) {
  for (const auto& [name, f] : kNames) {
    if (f == family) return name.data();
  }
  return "generic";
}

std::optional<ChatFamily> chat_family_from_name(std::string_view name) {
  for (const auto& [n, f] : kNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

std::string chat_template_family_label(std::string_view template_text) {
  if (template_text.empty()) return "chatml (no template)";
  const ChatFamily family = detect_chat_family(template_text);
  if (family == ChatFamily::kGeneric) return "generic (unrecognised template)";
  return chat_family_name(family);
}

ChatFamily detect_chat_family(std::string_view tmpl) {
  if (tmpl.empty()) return ChatFamily::kChatMl;
  if (auto named = chat_family_from_name(tmpl)) return *named;
  const auto has = [&](std::string_view s) { return tmpl.find(s) != std::string_view::npos; };
  if (has("<|im_start|>")) return has("<|im_sep|>") ? ChatFamily::kPhi4 : ChatFamily::kChatMl;
  if (tmpl.starts_with("mistral") || has("[INST]")) {
    if (has("[SYSTEM_PROMPT]")) return ChatFamily::kMistralV7;
    if (has("' [INST] ' + system_message") || has("[AVAILABLE_TOOLS]")) {
      if (has(" [INST]")) return ChatFamily::kMistralV1;
      if (has("\"[INST]\"")) return ChatFamily::kMistralV3Tekken;
      return ChatFamily::kMistralV3;
    }
    if (has("content.strip()")) return ChatFamily::kLlama2SysStrip;
    if (has("bos_token + '[INST]")) return ChatFamily::kLlama2SysBos;
    if (has("<<SYS>>")) return ChatFamily::kLlama2Sys;
    return ChatFamily::kLlama2;
  }
  if (has("<|assistant|>") && has("<|end|>")) return ChatFamily::kPhi3;
  // llama.cpp recognises Falcon 3, GLM-Edge, Zephyr and Monarch here; we have no formatter for them, so
  // their templates end as kGeneric (unless they also carry the markers below).
  if (has("<start_of_turn>")) return ChatFamily::kGemma;
  if (has("<|start_header_id|>") && has("<|end_header_id|>")) return ChatFamily::kLlama3;
  return ChatFamily::kGeneric;
}

}  // namespace textra::llm
