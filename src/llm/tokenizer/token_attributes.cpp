#include "llm/tokenizer/token_attributes.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace textra::llm {
namespace {

std::uint16_t attr_of_type(TokenType type) {
  switch (type) {
    case TokenType::kNormal: return kAttrNormal;
    case TokenType::kUnknown: return kAttrUnknown;
    case TokenType::kControl: return kAttrControl;
    case TokenType::kUserDefined: return kAttrUserDefined;
    case TokenType::kUnused: return kAttrUnused;
    case TokenType::kByte: return kAttrByte;
    case TokenType::kUndefined: return 0;
  }
  return 0;
}

// End-of-turn texts in llama.cpp's order of preference.
constexpr std::string_view kEndOfTurnTexts[] = {"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
                                                "<|endoftext|>", "<EOT>", "<｜end▁of▁sentence｜>"};

bool name_mentions_phi3(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.find("phi3") != std::string::npos || name.find("phi-3") != std::string::npos;
}

}  // namespace

bool is_end_of_generation_text(std::string_view text) {
  return text == "<|eot_id|>" || text == "<|im_end|>" || text == "<|end|>" || text == "<end_of_turn>" ||
         text == "<|endoftext|>" || text == "<|eom_id|>" || text == "<EOT>";
}

TokenAttributes derive_token_attributes(const Vocabulary& vocab, const TokenIndex& index) {
  TokenAttributes result;
  const std::size_t n = vocab.size();
  result.attrs.resize(n);
  for (std::size_t i = 0; i < n; ++i) result.attrs[i] = attr_of_type(vocab.type_of(static_cast<TokenId>(i)));

  result.eot = vocab.eot;
  if (result.eot == kNoToken) {  // found by text, made a control token (as llama.cpp)
    for (std::string_view text : kEndOfTurnTexts) {
      if (TokenId id = index.find(text); id != kNoToken) {
        result.eot = id;
        result.attrs[id] = kAttrControl;
        break;
      }
    }
  }
  // llama.cpp marks every end-of-generation text as a control token, whatever its stored type.
  for (std::size_t i = 0; i < n; ++i) {
    if (is_end_of_generation_text(vocab.tokens[i]) && index.find(vocab.tokens[i]) == static_cast<TokenId>(i)) {
      result.attrs[i] = kAttrControl;
      result.end_of_generation.push_back(static_cast<TokenId>(i));
    }
  }
  if (TokenId eom = index.find("<|eom_id|>"); eom != kNoToken) result.attrs[eom] = kAttrControl;
  for (TokenId id : {vocab.eos, result.eot, vocab.eom}) {
    if (id != kNoToken) result.end_of_generation.push_back(id);
  }
  std::sort(result.end_of_generation.begin(), result.end_of_generation.end());
  result.end_of_generation.erase(std::unique(result.end_of_generation.begin(), result.end_of_generation.end()),
                                 result.end_of_generation.end());

  for (std::size_t i = 0; i < n; ++i) {
    if (result.attrs[i] & (kAttrControl | kAttrUserDefined | kAttrUnknown)) {
      result.special_tokens.push_back(static_cast<TokenId>(i));
    }
  }
  std::stable_sort(result.special_tokens.begin(), result.special_tokens.end(), [&](TokenId a, TokenId b) {
    return vocab.tokens[a].size() > vocab.tokens[b].size();
  });

  // llama.cpp: every special token of a model named "...phi3..." / "...phi-3..." strips the white space that
  // follows it, except <unk>, <s> and <|endoftext|>; </s> does too. It refuses the model when one of these
  // four tokens is missing; we then leave the attributes alone.
  const TokenId unk = index.find("<unk>"), bos = index.find("<s>"), eos = index.find("</s>"),
                endoftext = index.find("<|endoftext|>");
  if (name_mentions_phi3(vocab.model_name) && unk != kNoToken && bos != kNoToken && eos != kNoToken &&
      endoftext != kNoToken) {
    for (TokenId id : result.special_tokens) result.attrs[id] |= kAttrRstrip;
    result.attrs[eos] |= kAttrRstrip;
    for (TokenId id : {unk, bos, endoftext}) result.attrs[id] &= static_cast<std::uint16_t>(~kAttrRstrip);
  }
  return result;
}

}  // namespace textra::llm
