#include "llm/tokenizer/tokenizer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "llm/tokenizer/unicode_classes.h"

namespace textra::llm {
namespace {

constexpr std::string_view kSpmSpace = "\xE2\x96\x81";  // U+2581 "▁"

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// "▁" -> " " (SentencePiece pieces).
std::string unescape_spm(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, kSpmSpace.size()) == kSpmSpace) {
      out += ' ';
      i += kSpmSpace.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

// Byte-level text -> bytes; a code point outside the byte map is kept visible as llama.cpp writes it.
std::string decode_byte_level(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode_lenient(text, pos);
    if (int byte = symbol_to_byte(cp); byte >= 0) {
      out += static_cast<char>(byte);
    } else {
      out += "[UNK_BYTE_0x";
      for (std::size_t i = start; i < pos; ++i) {
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(text[i]));
        out += hex;
      }
      out += std::string(text) + "]";
    }
  }
  return out;
}

// Invalid UTF-8 bytes become U+FFFD, as llama.cpp's code point decoding does before pre-tokenizing.
bool needs_replacement(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    if (decode_lenient(text, pos) == 0xFFFD && pos - start == 1) return true;
  }
  return false;
}
std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode_lenient(text, pos);
    if (cp == 0xFFFD && pos - start == 1) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

// llama.cpp's clean-up of detokenized text (its version of HF clean_up_tokenization_spaces).
void clean_up_spaces(std::string& text) {
  std::string out;
  out.reserve(text.size());
  // " ?", " !", " .", " ,": drop the space.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i > 0 && text[i - 1] == ' ' && (c == '?' || c == '!' || c == '.' || c == ',')) out.pop_back();
    out += c;
  }
  text.swap(out);
  out.clear();
  // " ' ": a lone apostrophe between spaces loses both spaces; the dropped space no longer counts as the
  // space before a following apostrophe (llama.cpp overwrites it in place).
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'' && i > 0 && i + 1 < text.size() && text[i - 1] == ' ' && text[i + 1] == ' ') {
      out.pop_back();
      out += c;
      text[++i] = '\0';
      continue;
    }
    out += c;
  }
  text.swap(out);
  out.clear();
  // " 's", " 'm", " 're", " 've": drop the space (" 't", " 'd", " 'll" keep it).
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i > 0 && text[i - 1] == ' ' && c == '\'' && i + 1 < text.size()) {
      const char c1 = text[i + 1];
      const char c2 = i + 2 < text.size() ? text[i + 2] : '\0';
      if (c1 == 's' || c1 == 'm' || (c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e')) out.pop_back();
    }
    out += c;
  }
  text.swap(out);
}

}  // namespace

Tokenizer::Tokenizer(Vocabulary vocab) : vocab_(std::move(vocab)), index_(vocab_) {}

Result<std::unique_ptr<Tokenizer>> Tokenizer::create(Vocabulary vocab, const std::string& source) {
  TEXTRA_RETURN_IF_ERROR(vocab.validate(source));
  std::unique_ptr<Tokenizer> tok(new Tokenizer(std::move(vocab)));
  const Vocabulary& v = tok->vocab_;
  tok->attributes_ = derive_token_attributes(v, tok->index_);
  bool add_bos_default = false;
  if (v.model == VocabModel::kSentencePiece) {
    tok->spm_.emplace(v, tok->index_);
    add_bos_default = true;
    tok->add_space_prefix_ = v.add_space_prefix.value_or(true);
    tok->clean_spaces_ = false;
    // llama.cpp's defaults for SentencePiece vocabularies without the metadata keys.
    tok->bos_ = v.bos != kNoToken ? v.bos : (v.size() > 1 ? 1 : kNoToken);
    tok->eos_ = v.eos != kNoToken ? v.eos : (v.size() > 2 ? 2 : kNoToken);
  } else {
    auto pre = pre_tokenizer_from_name(v.pre_tokenizer);
    if (!pre.is_ok()) return pre.status().with_context(source);
    tok->pre_ = *pre;
    auto bpe = BpeEncoder::build(v, tok->index_, pre->ignore_merges);
    if (!bpe.is_ok()) return bpe.status().with_context(source);
    tok->bpe_.emplace(std::move(bpe).value());
    add_bos_default = pre->add_bos_default;
    tok->add_space_prefix_ = v.add_space_prefix.value_or(false);
    tok->clean_spaces_ = pre->clean_spaces;
    tok->bos_ = v.bos;
    tok->eos_ = v.eos;
  }
  tok->add_bos_ = v.add_bos.value_or(add_bos_default) && tok->bos_ != kNoToken;
  tok->add_eos_ = v.add_eos.value_or(false) && tok->eos_ != kNoToken;
  tok->pieces_.resize(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) tok->pieces_[i] = tok->make_piece(static_cast<TokenId>(i));
  return tok;
}

std::optional<PreTokenizer> Tokenizer::pre_tokenizer() const {
  if (!pre_) return std::nullopt;
  return pre_->kind;
}

bool Tokenizer::is_end_of_generation(TokenId id) const {
  return std::binary_search(attributes_.end_of_generation.begin(), attributes_.end_of_generation.end(), id);
}

std::string Tokenizer::make_piece(TokenId id) const {
  const std::uint16_t attr = attributes_.attrs[id];
  const std::string& text = vocab_.tokens[id];
  if (attr & (kAttrUnknown | kAttrControl | kAttrUserDefined)) return text;
  if (!(attr & (kAttrNormal | kAttrByte))) return {};  // unused and undefined tokens print nothing
  if (vocab_.model == VocabModel::kByteLevelBpe) {
    return (attr & kAttrNormal) ? decode_byte_level(text) : std::string();
  }
  if (attr & kAttrNormal) return unescape_spm(text);
  // "<0xAB>"
  const long byte = text.size() > 3 ? std::strtol(text.c_str() + 3, nullptr, 16) : 0;
  return std::string(1, static_cast<char>(byte));
}

std::string_view Tokenizer::piece(TokenId id, bool special) const {
  if (!contains(id)) return {};
  if (!special && (attributes_.attrs[id] & (kAttrUnknown | kAttrControl))) return {};
  return pieces_[id];
}

void Tokenizer::split_special(std::string_view text, bool parse_special, std::vector<Fragment>& fragments) const {
  fragments.clear();
  if (text.empty()) return;
  fragments.push_back({kNoToken, 0, static_cast<std::uint32_t>(text.size())});
  thread_local std::vector<Fragment> next;
  for (TokenId id : attributes_.special_tokens) {
    const std::uint16_t attr = attributes_.attrs[id];
    // Without parse_special only user-defined tokens are split out (as Hugging Face does).
    if (!parse_special && (attr & (kAttrControl | kAttrUnknown))) continue;
    const std::string_view special = vocab_.tokens[id];
    if (special.empty() || text.find(special) == std::string_view::npos) continue;
    next.clear();
    for (const Fragment& f : fragments) {
      if (f.token != kNoToken) {
        next.push_back(f);
        continue;
      }
      std::size_t begin = f.offset;
      const std::size_t end = f.offset + f.length;
      while (begin < end) {
        const std::size_t match = text.substr(0, end).find(special, begin);
        if (match == std::string_view::npos) break;
        std::size_t left_end = match;
        if (attr & kAttrLstrip) {
          while (left_end > begin && is_ascii_space(text[left_end - 1])) --left_end;
        }
        if (left_end > begin) next.push_back({kNoToken, static_cast<std::uint32_t>(begin),
                                              static_cast<std::uint32_t>(left_end - begin)});
        next.push_back({id, 0, 0});
        begin = match + special.size();
        if (attr & kAttrRstrip) {
          while (begin < end && is_ascii_space(text[begin])) ++begin;
        }
      }
      if (begin < end) {
        next.push_back({kNoToken, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end - begin)});
      }
    }
    fragments.swap(next);
  }
}

void Tokenizer::encode_text(std::string_view text, bool after_special, std::vector<TokenId>& out) const {
  if (spm_) {
    thread_local std::string escaped;
    thread_local SpmScratch scratch;
    escaped.clear();
    if (add_space_prefix_ && after_special) escaped += kSpmSpace;
    for (char c : text) {
      if (c == ' ') {
        escaped += kSpmSpace;
      } else {
        escaped += c;
      }
    }
    spm_->encode(escaped, scratch, out);
    return;
  }
  thread_local SplitScratch split_scratch;
  thread_local BpeScratch bpe_scratch;
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> words;
  std::string replaced;
  if (needs_replacement(text)) {
    replaced = replace_invalid_utf8(text);
    text = replaced;
  }
  words.clear();
  split_words(pre_->kind, text, split_scratch, words);
  for (const auto& [begin, end] : words) bpe_->encode_word(text.substr(begin, end - begin), bpe_scratch, out);
}

void Tokenizer::encode(std::string_view text, const EncodeOptions& options, std::vector<TokenId>& out) const {
  if (options.add_special && add_bos_) out.push_back(bos_);
  thread_local std::vector<Fragment> fragments;
  split_special(text, options.parse_special, fragments);
  bool after_special = true;  // SentencePiece: the text starts with a space prefix, and so does text after a special
  for (const Fragment& f : fragments) {
    if (f.token != kNoToken) {
      out.push_back(f.token);
      after_special = true;
    } else {
      encode_text(text.substr(f.offset, f.length), after_special, out);
      after_special = false;
    }
  }
  if (options.add_special && add_eos_) out.push_back(eos_);
}

std::vector<TokenId> Tokenizer::encode(std::string_view text, const EncodeOptions& options) const {
  std::vector<TokenId> out;
  out.reserve(text.size() / 3 + 2);
  encode(text, options, out);
  return out;
}

std::string Tokenizer::decode(std::span<const TokenId> ids, const DecodeOptions& options) const {
  bool strip_leading_space = add_space_prefix_;
  if (options.remove_special && add_bos_ && !ids.empty() && ids.front() == bos_) {
    strip_leading_space = false;  // as llama.cpp: the space after a removed BOS stays
    ids = ids.subspan(1);
  }
  if (options.remove_special && add_eos_ && !ids.empty() && ids.back() == eos_) ids = ids.first(ids.size() - 1);
  std::string text;
  for (TokenId id : ids) {
    std::string_view p = piece(id, options.unparse_special);
    if (strip_leading_space && !p.empty() && p.front() == ' ') p.remove_prefix(1);
    strip_leading_space = false;
    text.append(p);
  }
  if (clean_spaces_) clean_up_spaces(text);
  return text;
}

}  // namespace textra::llm
