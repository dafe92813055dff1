// libFuzzer target: chat-template recognition and rendering (a GGUF's tokenizer.chat_template, a request's
// roles and contents). Input: parts separated by 0x01: the template text, then role, content, role,
// content, ... Detection and rendering must accept any text, and a family's name must name it again.
#include "fuzz/fuzz_input.h"
#include "llm/chat/chat_template.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra::llm;
  const std::vector<std::string_view> parts = textra::fuzz::split(textra::fuzz::as_text(data, size), '\x01');
  std::vector<ChatMessage> messages;
  for (std::size_t i = 1; i + 1 < parts.size(); i += 2) messages.push_back({std::string(parts[i]), std::string(parts[i + 1])});

  const ChatFamily detected = detect_chat_family(parts[0]);
  (void)chat_template_family_label(parts[0]);
  if (auto named = chat_family_from_name(chat_family_name(detected)); !named || *named != detected) __builtin_trap();
  for (bool generation_prompt : {false, true}) (void)render_chat(detected, messages, generation_prompt);
  // Every family, whatever the template said: request bodies choose the messages, not the family.
  const ChatFamily any = static_cast<ChatFamily>(size % (static_cast<std::size_t>(ChatFamily::kGeneric) + 1));
  (void)render_chat(any, messages, true);
  return 0;
}
