// Chat family detection on real template strings (tokenizer_config.json `chat_template` of public models)
// and the renderings those templates give (without the BOS text, which the tokenizer adds).
#include "llm/chat/chat_template.h"

#include <gtest/gtest.h>

#include <vector>

namespace textra::llm {
namespace {

// meta-llama/Meta-Llama-3-8B-Instruct
constexpr const char* kLlama3 =
    "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + "
    "message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 "
    "%}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ "
    "'<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";
// Qwen/Qwen2-7B-Instruct
constexpr const char* kQwen2 =
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\n"
    "You are a helpful assistant<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + "
    "message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' "
    "}}{% endif %}";
// microsoft/Phi-3-mini-4k-instruct (early revision: user/assistant turns only)
constexpr const char* kPhi3 =
    "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') %}{{'<|user|>' + '\n' + "
    "message['content'] + '<|end|>' + '\n' + '<|assistant|>' + '\n'}}{% elif (message['role'] == 'assistant') "
    "%}{{message['content'] + '<|end|>' + '\n'}}{% endif %}{% endfor %}";
// mistralai/Mistral-7B-Instruct-v0.2 (pre-v1, no system role)
constexpr const char* kMistralV02 =
    "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ "
    "raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if "
    "message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == "
    "'assistant' %}{{ message['content'] + eos_token}}{% else %}{{ raise_exception('Only user and assistant roles "
    "are supported!') }}{% endif %}{% endfor %}";
// google/gemma-7b-it
constexpr const char* kGemma =
    "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for "
    "message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ "
    "raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if "
    "(message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif "
    "%}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}{% if "
    "add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}";

const std::vector<ChatMessage> kConversation = {
    {"system", "Tu extrais les champs."},
    {"user", " Facture n\xC2\xB0 12 \n"},
    {"assistant", "{\"numero\": \"12\"}"},
    {"user", "Et la date ?"},
};
const std::vector<ChatMessage> kUserOnly = {{"user", "Bonjour"}, {"assistant", "Salut"}, {"user", "Total ?"}};

TEST(ChatTemplate, DetectsFamiliesFromRealTemplates) {
  EXPECT_EQ(detect_chat_family(kLlama3), ChatFamily::kLlama3);
  EXPECT_EQ(detect_chat_family(kQwen2), ChatFamily::kChatMl);
  EXPECT_EQ(detect_chat_family(kPhi3), ChatFamily::kPhi3);
  EXPECT_EQ(detect_chat_family(kMistralV02), ChatFamily::kLlama2);
  EXPECT_EQ(detect_chat_family(kGemma), ChatFamily::kGemma);
  EXPECT_EQ(detect_chat_family(""), ChatFamily::kChatMl);  // no template: llama.cpp's default
  EXPECT_EQ(detect_chat_family("{{ messages }}"), ChatFamily::kGeneric);
  EXPECT_EQ(detect_chat_family("mistral-v7"), ChatFamily::kMistralV7);  // a family name selects it
}

TEST(ChatTemplate, Llama3TrimsContents) {
  EXPECT_EQ(render_chat(ChatFamily::kLlama3, kConversation),
            "<|start_header_id|>system<|end_header_id|>\n\nTu extrais les champs.<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nFacture n\xC2\xB0 12<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\n{\"numero\": \"12\"}<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nEt la date ?<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\n");
}

TEST(ChatTemplate, ChatMlKeepsContentsAsGiven) {
  EXPECT_EQ(render_chat(ChatFamily::kChatMl, kConversation, /*add_generation_prompt=*/false),
            "<|im_start|>system\nTu extrais les champs.<|im_end|>\n"
            "<|im_start|>user\n Facture n\xC2\xB0 12 \n<|im_end|>\n"
            "<|im_start|>assistant\n{\"numero\": \"12\"}<|im_end|>\n"
            "<|im_start|>user\nEt la date ?<|im_end|>\n");
}

TEST(ChatTemplate, Phi3MatchesTheTemplateForUserAndAssistantTurns) {
  // What kPhi3 renders (after its bos_token) for a conversation without a system message.
  EXPECT_EQ(render_chat(ChatFamily::kPhi3, kUserOnly),
            "<|user|>\nBonjour<|end|>\n<|assistant|>\nSalut<|end|>\n<|user|>\nTotal ?<|end|>\n<|assistant|>\n");
  // A system message keeps its own turn (the current official Phi-3 template has one).
  EXPECT_EQ(render_chat(ChatFamily::kPhi3, std::vector<ChatMessage>{{"system", "S"}, {"user", "U"}}),
            "<|system|>\nS<|end|>\n<|user|>\nU<|end|>\n<|assistant|>\n");
}

TEST(ChatTemplate, Llama2FromMistralTemplate) {
  // kMistralV02 after its bos_token: "[INST] u [/INST]a</s>[INST] u2 [/INST]".
  EXPECT_EQ(render_chat(ChatFamily::kLlama2, kUserOnly), "[INST] Bonjour [/INST]Salut</s>[INST] Total ? [/INST]");
  // No system role in that family: the text goes first as a plain line.
  EXPECT_EQ(render_chat(ChatFamily::kLlama2, std::vector<ChatMessage>{{"system", "S"}, {"user", "U"}}),
            "[INST] S\nU [/INST]");
  EXPECT_EQ(render_chat(ChatFamily::kLlama2Sys, std::vector<ChatMessage>{{"system", "S"}, {"user", "U"}}),
            "[INST] <<SYS>>\nS\n<</SYS>>\n\nU [/INST]");
}

TEST(ChatTemplate, GemmaFoldsTheSystemMessageIntoTheFirstUserTurn) {
  EXPECT_EQ(render_chat(ChatFamily::kGemma, kUserOnly),
            "<start_of_turn>user\nBonjour<end_of_turn>\n<start_of_turn>model\nSalut<end_of_turn>\n"
            "<start_of_turn>user\nTotal ?<end_of_turn>\n<start_of_turn>model\n");
  EXPECT_EQ(render_chat(ChatFamily::kGemma, std::vector<ChatMessage>{{"system", " S "}, {"user", "U"}}),
            "<start_of_turn>user\nS\n\nU<end_of_turn>\n<start_of_turn>model\n");
}

TEST(ChatTemplate, MistralVariants) {
  const std::vector<ChatMessage> chat = {{"system", "S"}, {"user", "U"}, {"assistant", " A "}, {"user", "V"}};
  EXPECT_EQ(render_chat(ChatFamily::kMistralV1, chat), " [INST] S\n\nU [/INST]  A </s> [INST] V [/INST]");
  EXPECT_EQ(render_chat(ChatFamily::kMistralV3, chat), "[INST] S\n\nU[/INST] A</s>[INST] V[/INST]");
  EXPECT_EQ(render_chat(ChatFamily::kMistralV3Tekken, chat), "[INST]S\n\nU[/INST] A </s>[INST]V[/INST]");
  EXPECT_EQ(render_chat(ChatFamily::kMistralV7, chat),
            "[SYSTEM_PROMPT] S[/SYSTEM_PROMPT][INST] U[/INST]  A </s>[INST] V[/INST]");
}

TEST(ChatTemplate, GenericNeedsNoSpecialTokens) {
  EXPECT_EQ(render_chat(ChatFamily::kGeneric, std::vector<ChatMessage>{{"system", "S"}, {"user", "U"}}),
            "System: S\n\nUser: U\n\nAssistant:");
}

TEST(ChatTemplate, LabelsForModelInfo) {
  EXPECT_EQ(chat_template_family_label(kLlama3), "llama3");
  EXPECT_EQ(chat_template_family_label(""), "chatml (no template)");
  EXPECT_EQ(chat_template_family_label("{{ messages }}"), "generic (unrecognised template)");
}

TEST(ChatTemplate, NamesRoundTrip) {
  for (ChatFamily f : {ChatFamily::kChatMl, ChatFamily::kLlama3, ChatFamily::kPhi3, ChatFamily::kMistralV3Tekken,
                       ChatFamily::kLlama2SysStrip, ChatFamily::kGemma, ChatFamily::kGeneric}) {
    EXPECT_EQ(chat_family_from_name(chat_family_name(f)), f);
  }
}

}  // namespace
}  // namespace textra::llm
