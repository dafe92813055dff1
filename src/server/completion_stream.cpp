#include "server/completion_stream.h"

namespace textra::server {

void stream_completion(httplib::Response& res, CompletionService& service, std::unique_ptr<PendingCompletion> pending,
                       const std::string& content_type, ChunkFormatter chunk, EndFormatter end) {
  std::shared_ptr<PendingCompletion> shared = std::move(pending);  // the provider must be copyable
  res.set_chunked_content_provider(content_type, [&service, shared, chunk, end](std::size_t, httplib::DataSink& sink) {
    bool gone = false;
    auto write = [&](const std::string& data) {
      if (!gone && !data.empty() && !sink.write(data.data(), data.size())) gone = true;
    };
    auto result = service.run(*shared, [&](std::string_view text) { write(chunk(text)); },
                              [&] { return gone || !sink.is_writable(); });
    write(end(result));
    sink.done();
    return true;
  });
}

}  // namespace textra::server
