// A GGUF model opened once for both its weights and its tokenizer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "llm/chat/chat_template.h"
#include "llm/gguf/gguf_file.h"
#include "llm/model/model.h"
#include "llm/sampling/generation.h"
#include "llm/tokenizer/tokenizer.h"

namespace textra::llm {

// The tokenizer is absent when the file has no vocabulary (e.g. the tiny test models are usable with token
// ids only).
struct LoadedModel {
  std::shared_ptr<const GgufFile> file;
  std::unique_ptr<Model> model;
  std::unique_ptr<Tokenizer> tokenizer;

  // End-of-generation test: the tokenizer's, else the EOS/EOT ids of the metadata.
  std::function<bool(int32_t)> end_of_generation() const;
  // A token's text as shown to the user (control tokens hidden); "" without a tokenizer.
  TokenPieceFn piece_fn() const;
  // The chat family that the file's `tokenizer.chat_template` names (detect_chat_family("") without one);
  // an error naming the file when that metadata is not a string.
  Result<ChatFamily> chat_family() const;
};

// Loads the weights (read into huge pages, base/files.h) and the tokenizer. A file that another LoadedModel of
// this process still holds is shared, not read again.
Result<LoadedModel> load_model(const std::string& path);

}  // namespace textra::llm
