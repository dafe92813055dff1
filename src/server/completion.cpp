#include "server/completion.h"

#include <ctime>

namespace textra::server {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// format "json" (OpenAI json_object): what Ollama and OpenAI give, a JSON object with any keys and values
// (free-form nesting bounded, docs/grammar.md). A schema gives objects with the fields it lists.
const nlohmann::ordered_json& any_json_object_schema() {
  static const nlohmann::ordered_json schema = nlohmann::ordered_json::parse(R"({"type": "object"})");
  return schema;
}

Result<std::shared_ptr<const llm::JsonGrammar>> grammar_for(const nlohmann::ordered_json& format) {
  if (format.is_null() || (format.is_string() && format.get<std::string>().empty())) {
    return std::shared_ptr<const llm::JsonGrammar>();
  }
  const nlohmann::ordered_json* schema = &format;
  if (format.is_string()) {
    if (format.get<std::string>() != "json") {
      return invalid_argument("format must be \"json\" or a JSON Schema object, not \"" + format.get<std::string>() + "\"");
    }
    schema = &any_json_object_schema();
  } else if (!format.is_object()) {
    return invalid_argument("format must be \"json\" or a JSON Schema object");
  }
  auto grammar = llm::JsonGrammar::compile(*schema);
  if (!grammar) return invalid_argument("format: " + grammar.status().message());
  return std::make_shared<const llm::JsonGrammar>(std::move(*grammar));
}

Status unknown_model(const std::string& name) {
  return not_found("model \"" + name + "\" not found, try pulling it first");
}

}  // namespace

Status CompletionService::preload(const std::string& model) {
  const ModelEntry* entry = models_.find(model);
  if (entry == nullptr) return unknown_model(model);
  double load_ms = 0;
  return models_.runner(*entry, &load_ms).status();
}

Result<std::unique_ptr<PendingCompletion>> CompletionService::admit(CompletionRequest request) {
  auto pending = std::make_unique<PendingCompletion>();
  pending->start = Clock::now();
  const ModelEntry* entry = models_.find(request.model);
  if (entry == nullptr) return unknown_model(request.model);
  pending->run = std::move(request.run);
  TEXTRA_ASSIGN_OR_RETURN(pending->run.grammar, grammar_for(request.format));
  // Wait for the slot before loading: a load uses the cores and memory a running generation needs.
  TEXTRA_ASSIGN_OR_RETURN(pending->ticket, gate_.enter(timeout_s_));
  TEXTRA_ASSIGN_OR_RETURN(pending->runner, models_.runner(*entry, &pending->load_ms));
  const llm::ChatRunner& runner = *pending->runner;
  const std::int64_t context = runner.context_for(pending->run.n_ctx);
  if (pending->run.max_tokens > context) {
    return invalid_argument("the answer budget (max_tokens / num_predict) of " + std::to_string(pending->run.max_tokens) +
                            " tokens is over the limit of " + std::to_string(context) + " tokens (this model's context)");
  }
  pending->prompt = runner.encode(request.raw_prompt ? *request.raw_prompt : runner.render(request.messages));
  TEXTRA_RETURN_IF_ERROR(runner.token_budget(pending->prompt.size(), pending->run).status());
  return pending;
}

Result<CompletionResult> CompletionService::run(PendingCompletion& pending, const llm::TextSink& on_text,
                                                const std::function<bool()>& client_gone) {
  const auto deadline = pending.start + std::chrono::seconds(timeout_s_);
  pending.run.should_stop = [&] {
    return stopping_ || (client_gone && client_gone()) || Clock::now() > deadline;
  };
  TEXTRA_ASSIGN_OR_RETURN(llm::GenerationResult generated, pending.runner->run(pending.prompt, pending.run, on_text));
  pending.ticket.reset();  // the slot is free as soon as the tokens are
  CompletionResult result;
  result.text = std::move(generated.text);
  result.stop = generated.stop;
  result.prompt_tokens = generated.timings.prompt_tokens;
  result.generated_tokens = generated.timings.gen_tokens;
  result.load_ms = pending.load_ms;
  result.prompt_ms = generated.timings.prompt_ms;
  result.generation_ms = generated.timings.gen_ms;
  result.total_ms = ms_since(pending.start);
  metrics_.add("llm_prompt_tokens_total", static_cast<std::uint64_t>(result.prompt_tokens));
  metrics_.add("llm_generated_tokens_total", static_cast<std::uint64_t>(result.generated_tokens));
  return result;
}

std::string rfc3339(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count() % 1000000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[48];
  std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof text - n, ".%06lldZ", static_cast<long long>(micros));
  return text;
}

}  // namespace textra::server
