// The formatters: the prompt layout of each family, as llama.cpp's llm_chat_apply_template writes it.
#include <string>

#include "base/strings.h"
#include "llm/chat/chat_template.h"

namespace textra::llm {
namespace {

using Messages = std::span<const ChatMessage>;

std::string render_chatml(Messages messages, bool add_generation_prompt) {
  std::string out;
  for (const auto& m : messages) out += "<|im_start|>" + m.role + "\n" + m.content + "<|im_end|>\n";
  if (add_generation_prompt) out += "<|im_start|>assistant\n";
  return out;
}

std::string render_phi4(Messages messages, bool add_generation_prompt) {
  std::string out;
  for (const auto& m : messages) out += "<|im_start|>" + m.role + "<|im_sep|>" + m.content + "<|im_end|>";
  if (add_generation_prompt) out += "<|im_start|>assistant<|im_sep|>";
  return out;
}

std::string render_llama3(Messages messages, bool add_generation_prompt) {
  std::string out;
  for (const auto& m : messages) {
    out += "<|start_header_id|>" + m.role + "<|end_header_id|>\n\n" + std::string(trim_ascii_space(m.content)) +
           "<|eot_id|>";
  }
  if (add_generation_prompt) out += "<|start_header_id|>assistant<|end_header_id|>\n\n";
  return out;
}

std::string render_phi3(Messages messages, bool add_generation_prompt) {
  std::string out;
  for (const auto& m : messages) out += "<|" + m.role + "|>\n" + m.content + "<|end|>\n";
  if (add_generation_prompt) out += "<|assistant|>\n";
  return out;
}

// Mistral's v7 format; no generation header (the reply follows [/INST]).
std::string render_mistral_v7(Messages messages) {
  std::string out;
  for (const auto& m : messages) {
    if (m.role == "system") {
      out += "[SYSTEM_PROMPT] " + m.content + "[/SYSTEM_PROMPT]";
    } else if (m.role == "user") {
      out += "[INST] " + m.content + "[/INST]";
    } else {
      out += " " + m.content + "</s>";
    }
  }
  return out;
}

// Mistral v1 / v3 / v3-tekken differ only in the spaces around [INST] and the trimming of replies.
std::string render_mistral(ChatFamily family, Messages messages) {
  const std::string leading = family == ChatFamily::kMistralV1 ? " " : "";
  const std::string trailing = family == ChatFamily::kMistralV3Tekken ? "" : " ";
  const bool trim_reply = family == ChatFamily::kMistralV3;
  std::string out;
  bool inside_turn = false;
  for (const auto& m : messages) {
    if (!inside_turn) {
      out += leading + "[INST]" + trailing;
      inside_turn = true;
    }
    if (m.role == "system") {
      out += m.content + "\n\n";
    } else if (m.role == "user") {
      out += m.content + leading + "[/INST]";
    } else {
      out += trailing + (trim_reply ? std::string(trim_ascii_space(m.content)) : m.content) + "</s>";
      inside_turn = false;
    }
  }
  return out;
}

// Llama 2 and its variants; the first [INST] has no <s> (the tokenizer adds BOS).
std::string render_llama2(ChatFamily family, Messages messages) {
  const bool system_block = family != ChatFamily::kLlama2;
  const bool bos_inside_history = family == ChatFamily::kLlama2SysBos;
  const bool strip = family == ChatFamily::kLlama2SysStrip;
  std::string out = "[INST] ";
  bool inside_turn = true;
  for (const auto& m : messages) {
    const std::string content = strip ? std::string(trim_ascii_space(m.content)) : m.content;
    if (!inside_turn) {
      inside_turn = true;
      out += bos_inside_history ? "<s>[INST] " : "[INST] ";
    }
    if (m.role == "system") {
      // Without a system block the text still goes first, as a plain line.
      out += system_block ? "<<SYS>>\n" + content + "\n<</SYS>>\n\n" : content + "\n";
    } else if (m.role == "user") {
      out += content + " [/INST]";
    } else {
      out += content + "</s>";
      inside_turn = false;
    }
  }
  return out;
}

// Gemma has no system role: the (trimmed) system text opens the next user turn; "assistant" is "model".
std::string render_gemma(Messages messages, bool add_generation_prompt) {
  std::string out, system;
  for (const auto& m : messages) {
    if (m.role == "system") {
      system = std::string(trim_ascii_space(m.content));
      continue;
    }
    const std::string role = m.role == "assistant" ? "model" : m.role;
    out += "<start_of_turn>" + role + "\n";
    if (!system.empty() && role != "model") {
      out += system + "\n\n";
      system.clear();
    }
    out += std::string(trim_ascii_space(m.content)) + "<end_of_turn>\n";
  }
  if (add_generation_prompt) out += "<start_of_turn>model\n";
  return out;
}

// Unknown template: plain role-tagged paragraphs that need no special tokens.
std::string render_generic(Messages messages, bool add_generation_prompt) {
  std::string out;
  for (const auto& m : messages) {
    std::string role = m.role;
    if (!role.empty()) role[0] = static_cast<char>(role[0] >= 'a' && role[0] <= 'z' ? role[0] - 32 : role[0]);
    out += role + ": " + m.content + "\n\n";
  }
  if (add_generation_prompt) out += "Assistant:";
  return out;
}

}  // namespace

std::string render_chat(ChatFamily family, Messages messages, bool add_generation_prompt) {
  switch (family) {
    case ChatFamily::kChatMl: return render_chatml(messages, add_generation_prompt);
    case ChatFamily::kPhi4: return render_phi4(messages, add_generation_prompt);
    case ChatFamily::kLlama3: return render_llama3(messages, add_generation_prompt);
    case ChatFamily::kPhi3: return render_phi3(messages, add_generation_prompt);
    case ChatFamily::kMistralV7: return render_mistral_v7(messages);
    case ChatFamily::kMistralV1:
    case ChatFamily::kMistralV3:
    case ChatFamily::kMistralV3Tekken: return render_mistral(family, messages);
    case ChatFamily::kLlama2:
    case ChatFamily::kLlama2Sys:
    case ChatFamily::kLlama2SysBos:
    case ChatFamily::kLlama2SysStrip: return render_llama2(family, messages);
    case ChatFamily::kGemma: return render_gemma(messages, add_generation_prompt);
    case ChatFamily::kGeneric: return render_generic(messages, add_generation_prompt);
  }
  return render_generic(messages, add_generation_prompt);
}

}  // namespace textra::llm
