#include "llm/gguf/model_summary.h"

#include <array>

namespace textra::llm {
namespace {

template <typename T>
Status read_optional(Result<T> result, std::optional<T>& out) {
  if (result.is_ok()) {
    out = std::move(result).value();
    return Status::ok();
  }
  return result.status().code() == ErrorCode::kNotFound ? Status::ok() : result.status();
}

template <typename T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

std::optional<std::string> file_type_name(std::int64_t file_type) {
  // Index = LLAMA_FTYPE value; "" for ids llama.cpp removed.
  static constexpr std::array<const char*, 38> kNames = {
      "F32",     "F16",    "Q4_0",   "Q4_1",   "",       "",       "",       "Q8_0",    "Q5_0",   "Q5_1",
      "Q2_K",    "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M",  "Q6_K",   "IQ2_XXS",
      "IQ2_XS",  "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S",  "IQ3_M",   "IQ2_S",  "IQ2_M",
      "IQ4_XS",  "IQ1_M",  "BF16",   "",       "",       "",       "TQ1_0",  "TQ2_0"};
  if (file_type < 0 || file_type >= static_cast<std::int64_t>(kNames.size()) || kNames[file_type][0] == '\0') {
    return std::nullopt;
  }
  return std::string(kNames[file_type]);
}

std::string tensor_group(std::string_view name) {
  if (name.substr(0, 4) == "blk.") {
    const std::size_t dot = name.find('.', 4);
    if (dot != std::string_view::npos) name = name.substr(dot + 1);
  }
  for (std::string_view suffix : {".weight", ".bias"}) {
    if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      return std::string(name.substr(0, name.size() - suffix.size())) +
             (suffix == ".bias" ? std::string(".bias") : std::string());
    }
  }
  return std::string(name);
}

Result<GgufModelSummary> summarize_model(const GgufFile& file) {
  GgufModelSummary s;
  s.gguf_version = file.version();
  s.file_bytes = file.bytes().size();
  s.tensor_count = file.tensors().size();
  s.metadata_count = file.metadata().size();
  TEXTRA_ASSIGN_OR_RETURN(s.architecture, file.get_string_or("general.architecture", ""));
  TEXTRA_ASSIGN_OR_RETURN(s.name, file.get_string_or("general.name", ""));
  std::optional<std::int64_t> file_type;
  TEXTRA_RETURN_IF_ERROR(read_optional(file.get_int("general.file_type"), file_type));
  if (file_type) s.file_type = file_type_name(*file_type).value_or("unknown (" + std::to_string(*file_type) + ")");

  const std::string& arch = s.architecture;
  const std::pair<const char*, std::optional<std::int64_t>*> hyper[] = {
      {"context_length", &s.context_length},         {"embedding_length", &s.embedding_length},
      {"block_count", &s.block_count},               {"feed_forward_length", &s.feed_forward_length},
      {"attention.head_count", &s.head_count},       {"attention.head_count_kv", &s.head_count_kv}};
  if (!arch.empty()) {
    for (const auto& [key, out] : hyper) TEXTRA_RETURN_IF_ERROR(read_optional(file.get_int(arch + "." + key), *out));
  }
  TEXTRA_RETURN_IF_ERROR(read_optional(file.get_string("tokenizer.ggml.model"), s.vocab_type));
  TEXTRA_RETURN_IF_ERROR(read_optional(file.get_string("tokenizer.ggml.pre"), s.pre_tokenizer));
  TEXTRA_RETURN_IF_ERROR(read_optional(file.get_string("tokenizer.chat_template"), s.chat_template));
  if (file.has("tokenizer.ggml.tokens")) {
    TEXTRA_ASSIGN_OR_RETURN(const GgufArray* tokens, file.get_array("tokenizer.ggml.tokens"));
    s.vocab_size = tokens->size();
  }

  std::map<std::string, std::size_t> group_index;
  for (const auto& tensor : file.tensors()) {
    s.parameters += tensor.n_elements;
    s.tensor_bytes += tensor.n_bytes;
    const std::string group = tensor_group(tensor.name);
    auto [it, inserted] = group_index.emplace(group, s.groups.size());
    if (inserted) s.groups.push_back({group, 0, 0, 0, {}});
    TensorGroupSummary& g = s.groups[it->second];
    ++g.tensors;
    g.elements += tensor.n_elements;
    g.bytes += tensor.n_bytes;
    ++g.types[std::string(type_name(tensor.type))];
  }
  return s;
}

nlohmann::json summary_to_json(const GgufModelSummary& s, const std::optional<std::string>& chat_family) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : s.groups) {
    groups.push_back({{"name", g.name}, {"tensors", g.tensors}, {"elements", g.elements}, {"bytes", g.bytes},
                      {"types", g.types}});
  }
  return {
      {"gguf_version", s.gguf_version},
      {"architecture", s.architecture},
      {"name", s.name},
      {"file_type", optional_json(s.file_type)},
      {"file_bytes", s.file_bytes},
      {"tensor_bytes", s.tensor_bytes},
      {"parameters", s.parameters},
      {"tensor_count", s.tensor_count},
      {"metadata_count", s.metadata_count},
      {"context_length", optional_json(s.context_length)},
      {"embedding_length", optional_json(s.embedding_length)},
      {"block_count", optional_json(s.block_count)},
      {"feed_forward_length", optional_json(s.feed_forward_length)},
      {"head_count", optional_json(s.head_count)},
      {"head_count_kv", optional_json(s.head_count_kv)},
      {"vocab_type", optional_json(s.vocab_type)},
      {"pre_tokenizer", optional_json(s.pre_tokenizer)},
      {"vocab_size", optional_json(s.vocab_size)},
      {"has_chat_template", s.chat_template.has_value()},
      {"chat_template_family", optional_json(chat_family)},
      {"tensor_groups", groups},
  };
}

}  // namespace textra::llm
