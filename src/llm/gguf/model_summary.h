// What `textra model info` shows about a GGUF file: architecture, sizes, tensor types per group,
// context length, tokenizer. Works for vocabulary-only files (no tensors) too.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "llm/gguf/gguf_file.h"

namespace textra::llm {

// Tensors of one role, e.g. "attn_q" (every blk.N.attn_q.weight) or "token_embd".
struct TensorGroupSummary {
  std::string name;
  std::size_t tensors = 0;
  std::uint64_t elements = 0;
  std::uint64_t bytes = 0;
  std::map<std::string, std::size_t> types;  // ggml type name -> tensor count
};

struct GgufModelSummary {
  std::uint32_t gguf_version = 0;
  std::string architecture;  // general.architecture ("" when absent)
  std::string name;          // general.name
  std::optional<std::string> file_type;  // general.file_type as llama.cpp names it ("Q4_K_M")
  std::uint64_t file_bytes = 0;
  std::uint64_t tensor_bytes = 0;
  std::uint64_t parameters = 0;  // elements of all tensors
  std::size_t tensor_count = 0;
  std::size_t metadata_count = 0;
  // <arch>.* hyper-parameters, when present.
  std::optional<std::int64_t> context_length, embedding_length, block_count, feed_forward_length, head_count,
      head_count_kv;
  std::optional<std::string> vocab_type;      // tokenizer.ggml.model ("llama", "gpt2", ...)
  std::optional<std::string> pre_tokenizer;   // tokenizer.ggml.pre
  std::optional<std::size_t> vocab_size;      // tokenizer.ggml.tokens length
  std::optional<std::string> chat_template;   // tokenizer.chat_template (the text)
  std::vector<TensorGroupSummary> groups;     // in order of first appearance
};

// Reads the summary; metadata of the wrong type is an error (a value of the wrong type means a bad file).
Result<GgufModelSummary> summarize_model(const GgufFile& file);
// Names llama.cpp gives general.file_type values (LLAMA_FTYPE_*), e.g. 15 -> "Q4_K_M".
std::optional<std::string> file_type_name(std::int64_t file_type);
// The group of a tensor name: "blk.3.ffn_up.weight" -> "ffn_up", "output_norm.weight" -> "output_norm".
std::string tensor_group(std::string_view tensor_name);

// JSON of the summary; chat_family is what the chat module detected (null when unknown).
nlohmann::json summary_to_json(const GgufModelSummary& summary, const std::optional<std::string>& chat_family);

}  // namespace textra::llm
