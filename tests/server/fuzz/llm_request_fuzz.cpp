// libFuzzer target: the JSON bodies of /api/chat, /api/generate and /v1/chat/completions as
// server/llm_request.h reads them (the route files compose these readers). Every reader must accept or
// refuse any body with a Status; the live server is fuzzed by http_fuzz.py.
#include "fuzz/fuzz_input.h"
#include "server/llm_request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra::server;
  httplib::Request request;
  request.body = std::string(textra::fuzz::as_text(data, size));
  auto body = parse_body(request);
  if (!body.is_ok()) return 0;

  CompletionRequest completion;
  (void)read_model(*body, completion.model);
  (void)read_chat_messages(*body, completion.messages);
  (void)read_generate_prompt(*body, completion);
  // Ollama reads these under "options", OpenAI at the top level.
  for (const nlohmann::ordered_json* object : {&*body, body->contains("options") ? &(*body)["options"] : nullptr}) {
    if (object == nullptr || !object->is_object()) continue;
    for (const char* key : {"temperature", "top_p", "min_p", "repeat_penalty"}) {
      (void)read_number(*object, key, completion.run.sampling.temperature);
    }
    (void)read_number(*object, "top_k", completion.run.sampling.top_k);
    (void)read_number(*object, "num_predict", completion.run.max_tokens);
    (void)read_number(*object, "max_tokens", completion.run.max_tokens);
    std::int64_t n = 0;
    (void)read_number(*object, "n", n);
    (void)read_seed(*object, "seed", completion.run.sampling.seed);
    (void)read_stop(*object, "stop", completion.run.stop);
    bool stream = false;
    (void)read_bool(*object, "stream", stream);
  }
  return 0;
}
