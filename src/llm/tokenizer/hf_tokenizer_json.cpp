#include "llm/tokenizer/hf_tokenizer_json.h"

#include <nlohmann/json.hpp>

#include <unordered_map>

#include "base/files.h"

namespace textra::llm {
namespace {

using json = nlohmann::json;

constexpr std::string_view kLlama3Split =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr std::string_view kQwen2Split =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr std::size_t kMaxTokens = 1u << 24;

// The pre-tokenizer objects, flattening a Sequence.
std::vector<const json*> pre_tokenizer_steps(const json& root) {
  std::vector<const json*> steps;
  auto it = root.find("pre_tokenizer");
  if (it == root.end() || !it->is_object()) return steps;
  if (it->value("type", "") == "Sequence" && it->contains("pretokenizers") && (*it)["pretokenizers"].is_array()) {
    for (const auto& step : (*it)["pretokenizers"]) steps.push_back(&step);
  } else {
    steps.push_back(&*it);
  }
  return steps;
}

Result<std::string> byte_level_pre_tokenizer(const std::vector<const json*>& steps, const std::string& source) {
  std::string regex;
  bool byte_level_splits = false;
  for (const json* step : steps) {
    const std::string type = step->value("type", "");
    if (type == "Split" && step->contains("pattern") && (*step)["pattern"].is_object()) {
      regex = (*step)["pattern"].value("Regex", "");
    } else if (type == "ByteLevel") {
      byte_level_splits = step->value("use_regex", true);
    }
  }
  if (regex == kLlama3Split) return std::string("llama-bpe");
  if (regex == kQwen2Split) return std::string("qwen2");
  if (regex.empty() && byte_level_splits) return std::string("gpt-2");
  return unsupported(source + ": pre-tokenizer not recognised (regex '" + regex +
                     "'); supported: Llama 3, Qwen2 and GPT-2 byte-level");
}

bool uses_byte_level(const json& root, const std::vector<const json*>& steps) {
  for (const json* step : steps) {
    if (step->value("type", "") == "ByteLevel") return true;
  }
  auto dec = root.find("decoder");
  return dec != root.end() && dec->is_object() && dec->value("type", "") == "ByteLevel";
}

// SentencePiece-style vocabularies put "▁" before the text (Prepend normalizer or Metaspace).
bool adds_space_prefix(const json& root, const std::vector<const json*>& steps) {
  for (const json* step : steps) {
    if (step->value("type", "") == "Metaspace") {
      return step->value("prepend_scheme", "always") != "never" && step->value("add_prefix_space", true);
    }
  }
  auto norm = root.find("normalizer");
  if (norm == root.end() || !norm->is_object()) return false;
  const auto is_prepend = [](const json& n) { return n.is_object() && n.value("type", "") == "Prepend"; };
  if (is_prepend(*norm)) return true;
  if (norm->contains("normalizers") && (*norm)["normalizers"].is_array()) {
    for (const auto& n : (*norm)["normalizers"]) {
      if (is_prepend(n)) return true;
    }
  }
  return false;
}

// BOS/EOS from a TemplateProcessing post-processor: special tokens before $A are BOS, after it EOS.
void read_post_processor(const json& root, const std::unordered_map<std::string, TokenId>& ids, Vocabulary& v) {
  v.add_bos = false;
  v.add_eos = false;
  auto pp = root.find("post_processor");
  if (pp == root.end() || !pp->is_object() || pp->value("type", "") != "TemplateProcessing") return;
  auto single = pp->find("single");
  if (single == pp->end() || !single->is_array()) return;
  bool seen_sequence = false;
  for (const auto& item : *single) {
    if (!item.is_object()) continue;
    if (item.contains("Sequence")) {
      seen_sequence = true;
      continue;
    }
    auto special = item.find("SpecialToken");
    if (special == item.end() || !special->is_object()) continue;
    auto it = ids.find(special->value("id", ""));
    if (it == ids.end()) continue;
    if (!seen_sequence) {
      v.bos = it->second;
      v.add_bos = true;
    } else {
      v.eos = it->second;
      v.add_eos = true;
    }
  }
}

std::string merge_text(const json& merge) {
  if (merge.is_string()) return merge.get<std::string>();
  if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string()) {
    return merge[0].get<std::string>() + " " + merge[1].get<std::string>();
  }
  return {};
}

bool is_byte_token(const std::string& text) {
  return text.size() == 6 && text.starts_with("<0x") && text.back() == '>';
}

Result<Vocabulary> parse(const json& root, const std::string& source) {
  const auto model = root.find("model");
  if (model == root.end() || !model->is_object()) return corrupt(source + ": no \"model\" object");
  if (model->value("type", "BPE") != "BPE") {
    return unsupported(source + ": tokenizer model '" + model->value("type", "") + "' (only BPE is supported)");
  }
  const auto vocab_it = model->find("vocab");
  if (vocab_it == model->end() || !vocab_it->is_object()) return corrupt(source + ": model.vocab is not an object");

  // id -> text from the vocab and the added tokens; gaps become unused placeholders.
  std::unordered_map<std::string, TokenId> ids;
  std::vector<std::pair<TokenId, std::string>> entries;
  const auto add_entry = [&](const std::string& text, const json& id_json) -> Status {
    if (!id_json.is_number_integer()) return corrupt(source + ": token '" + text + "' has no integer id");
    const auto id = id_json.get<std::int64_t>();
    if (id < 0 || id >= static_cast<std::int64_t>(kMaxTokens)) {
      return corrupt(source + ": token '" + text + "' has id " + std::to_string(id) + " out of range");
    }
    ids[text] = static_cast<TokenId>(id);
    entries.emplace_back(static_cast<TokenId>(id), text);
    return Status::ok();
  };
  for (const auto& [text, id] : vocab_it->items()) TEXTRA_RETURN_IF_ERROR(add_entry(text, id));
  std::unordered_map<TokenId, bool> added_special;
  if (auto added = root.find("added_tokens"); added != root.end() && added->is_array()) {
    for (const auto& t : *added) {
      if (!t.is_object() || !t.contains("content") || !t["content"].is_string() || !t.contains("id")) {
        return corrupt(source + ": an added_tokens entry lacks content or id");
      }
      TEXTRA_RETURN_IF_ERROR(add_entry(t["content"].get<std::string>(), t["id"]));
      added_special[t["id"].get<TokenId>()] = t.value("special", false);
    }
  }
  TokenId n = 0;
  for (const auto& [id, text] : entries) n = std::max(n, id + 1);
  Vocabulary v;
  v.tokens.resize(static_cast<std::size_t>(n));
  v.types.assign(static_cast<std::size_t>(n), TokenType::kUnused);
  for (TokenId id = 0; id < n; ++id) v.tokens[id] = "[PAD" + std::to_string(id) + "]";
  for (const auto& [id, text] : entries) {
    v.tokens[id] = text;
    v.types[id] = TokenType::kNormal;
  }
  for (const auto& [id, special] : added_special) v.types[id] = special ? TokenType::kControl : TokenType::kUserDefined;

  const auto steps = pre_tokenizer_steps(root);
  if (uses_byte_level(root, steps)) {
    v.model = VocabModel::kByteLevelBpe;
    TEXTRA_ASSIGN_OR_RETURN(v.pre_tokenizer, byte_level_pre_tokenizer(steps, source));
  } else if (model->value("byte_fallback", false) || adds_space_prefix(root, steps)) {
    v.model = VocabModel::kSentencePiece;
    v.add_space_prefix = adds_space_prefix(root, steps);
  } else {
    return unsupported(source + ": BPE without ByteLevel or SentencePiece-style spaces is not supported");
  }

  const auto merges = model->find("merges");
  if (merges != model->end() && merges->is_array()) {
    for (const auto& m : *merges) {
      std::string text = merge_text(m);
      if (text.find(' ', 1) == std::string::npos) return corrupt(source + ": malformed merge " + m.dump());
      v.merges.push_back(std::move(text));
    }
  }
  if (v.model == VocabModel::kSentencePiece) {
    // The token produced by merge r gets score -r: the SentencePiece merge order then equals the BPE ranks.
    // Tokens no merge produces come last (BPE would never form them from smaller pieces).
    v.scores.assign(v.tokens.size(), -static_cast<float>(v.merges.size() + 1));
    for (std::size_t rank = v.merges.size(); rank-- > 0;) {
      const std::string& m = v.merges[rank];
      const std::size_t space = m.find(' ', 1);
      auto it = ids.find(m.substr(0, space) + m.substr(space + 1));
      if (it != ids.end()) v.scores[it->second] = -static_cast<float>(rank);
    }
    for (TokenId id = 0; id < n; ++id) {
      if (v.types[id] == TokenType::kNormal && is_byte_token(v.tokens[id])) v.types[id] = TokenType::kByte;
    }
    v.merges.clear();
  }
  if (auto unk = model->find("unk_token"); unk != model->end() && unk->is_string()) {
    if (auto it = ids.find(unk->get<std::string>()); it != ids.end()) {
      v.unk = it->second;
      v.types[it->second] = TokenType::kUnknown;
    }
  }
  read_post_processor(root, ids, v);
  TEXTRA_RETURN_IF_ERROR(v.validate(source));
  return v;
}

}  // namespace

Result<Vocabulary> vocabulary_from_hf_tokenizer_json(std::string_view json_text, const std::string& source) {
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) return corrupt(source + ": not a JSON object");
  try {
    return parse(root, source);
  } catch (const json::exception& e) {  // a field of an unexpected JSON type
    return corrupt(source + ": " + e.what());
  }
}

Result<Vocabulary> vocabulary_from_hf_tokenizer_file(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, 256u << 20));
  return vocabulary_from_hf_tokenizer_json(text, path);
}

}  // namespace textra::llm
