// Streaming a completion over HTTP (chunked transfer): each piece of text becomes one chunk in the API's
// format (an NDJSON line for Ollama, an SSE event for OpenAI), then the closing chunk(s). A client that
// goes away stops the generation at the next token.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "server/completion.h"

namespace textra::server {

using ChunkFormatter = std::function<std::string(std::string_view text)>;
// The final chunk(s) from the result, or from the error that ended the generation.
using EndFormatter = std::function<std::string(const Result<CompletionResult>& result)>;

void stream_completion(httplib::Response& res, CompletionService& service, std::unique_ptr<PendingCompletion> pending,
                       const std::string& content_type, ChunkFormatter chunk, EndFormatter end);

}  // namespace textra::server
