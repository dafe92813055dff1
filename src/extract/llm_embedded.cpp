// The embedded backend: a GGUF model run by our engine, its answer constrained token by token by the
// grammar of the schema (llm/grammar), so it always parses and matches the schema, and always ends within
// the token budget (the grammar forces the shortest completion when the budget runs short).
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "extract/llm_backend.h"
#include "llm/chat/chat_template.h"
#include "llm/gguf/gguf_file.h"
#include "llm/grammar/grammar_matcher.h"
#include "llm/model/model.h"
#include "llm/tokenizer/gguf_vocabulary.h"
#include "llm/tokenizer/tokenizer.h"

namespace textra::extract {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Greedy choice among the allowed tokens only.
int32_t best_allowed(const float* logits, const llm::TokenMask& mask) {
  int32_t best = -1;
  float best_logit = 0;
  const auto& words = mask.words();
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (std::uint64_t w = words[i]; w != 0; w &= w - 1) {
      int32_t id = static_cast<int32_t>(i * 64 + static_cast<std::size_t>(std::countr_zero(w)));
      if (best < 0 || logits[id] > best_logit) {
        best = id;
        best_logit = logits[id];
      }
    }
  }
  return best;
}

class EmbeddedBackend : public LlmBackend {
 public:
  static Result<std::unique_ptr<EmbeddedBackend>> load(const std::string& path, const EmbeddedOptions& options) {
    auto backend = std::unique_ptr<EmbeddedBackend>(new EmbeddedBackend());
    backend->path_ = path;
    backend->options_ = options;
    if (backend->options_.threads <= 0) backend->options_.threads = std::max(1u, std::thread::hardware_concurrency());
    TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<llm::GgufFile> opened, llm::GgufFile::open(path));
    std::shared_ptr<const llm::GgufFile> file = std::move(opened);
    TEXTRA_ASSIGN_OR_RETURN(backend->model_, llm::Model::from_file(file));
    TEXTRA_ASSIGN_OR_RETURN(llm::Vocabulary vocab, llm::vocabulary_from_gguf(*file));
    TEXTRA_ASSIGN_OR_RETURN(backend->tokenizer_, llm::Tokenizer::create(std::move(vocab), path));
    // The context actually used: what the caller asked for, within what the model was trained on.
    std::int64_t trained = backend->model_->config().context_length;
    if (trained > 0 && backend->options_.n_ctx > trained) backend->options_.n_ctx = trained;
    backend->family_ = llm::detect_chat_family(file->get_string_or("tokenizer.chat_template", "").value());

    // What each id decodes to, for the grammar; control tokens decode to nothing and are never allowed.
    const auto& tok = *backend->tokenizer_;
    std::size_t n_vocab = static_cast<std::size_t>(backend->model_->config().n_vocab);
    std::vector<std::string> bytes(n_vocab);
    std::vector<int32_t> end_ids;
    for (std::size_t id = 0; id < n_vocab && id < tok.size(); ++id) {
      auto tid = static_cast<llm::TokenId>(id);
      if (tok.is_end_of_generation(tid)) end_ids.push_back(static_cast<int32_t>(id));
      if (!tok.is_control(tid)) bytes[id] = std::string(tok.piece(tid, false));
    }
    if (end_ids.empty()) return unsupported(path + ": the vocabulary has no end-of-generation token");
    TEXTRA_ASSIGN_OR_RETURN(backend->vocabulary_, llm::TokenVocabulary::build(std::move(bytes), std::move(end_ids)));
    return backend;
  }

  Result<LlmAnswer> complete(const LlmRequest& request) const override {
    TEXTRA_ASSIGN_OR_RETURN(auto grammar, grammar_for(request.json_schema));
    TEXTRA_ASSIGN_OR_RETURN(llm::GrammarMatcher matcher, llm::GrammarMatcher::create(grammar, vocabulary_));
    std::string prompt = llm::render_chat(family_, request.messages);
    std::vector<llm::TokenId> ids = tokenizer_->encode(prompt, {.add_special = true, .parse_special = true});
    std::int64_t n_ctx = options_.n_ctx;
    std::int64_t room = n_ctx - static_cast<std::int64_t>(ids.size());
    std::int64_t budget = std::min<std::int64_t>(request.max_tokens, room);
    // The grammar guarantees completion when the budget covers the shortest valid answer byte by byte.
    auto shortest = static_cast<std::int64_t>(matcher.min_completion_bytes());
    if (budget <= shortest) {
      if (request.max_tokens <= shortest) {
        return invalid_argument("an answer budget of " + std::to_string(request.max_tokens) +
                                " tokens is too small for this schema: its shortest valid answer takes " +
                                std::to_string(shortest) + " (raise --max-tokens)");
      }
      return limit_exceeded("the prompt (" + std::to_string(ids.size()) + " tokens) leaves no room for the answer in "
                            "a context of " + std::to_string(n_ctx) + " tokens");
    }
    llm::Session session(*model_, {.n_ctx = n_ctx, .n_threads = options_.threads});
    LlmAnswer answer;
    auto start = Clock::now();
    std::vector<int32_t> prompt_ids(ids.begin(), ids.end());
    TEXTRA_RETURN_IF_ERROR(session.eval(prompt_ids));
    answer.prompt_ms = ms_since(start);
    answer.prompt_tokens = static_cast<std::int64_t>(prompt_ids.size());

    start = Clock::now();
    llm::TokenMask mask;
    for (std::int64_t left = budget; left > 0; --left) {
      matcher.allowed_tokens(mask, static_cast<std::size_t>(left));
      int32_t next = best_allowed(session.last_logits(), mask);
      if (next < 0) return internal_error("the grammar allows no token (a bug: please report the schema)");
      answer.generated_tokens++;
      if (vocabulary_->is_end_of_generation(next)) break;
      TEXTRA_RETURN_IF_ERROR(matcher.accept_token(next));
      if (left > 1) TEXTRA_RETURN_IF_ERROR(session.eval(std::vector<int32_t>{next}));
    }
    answer.generation_ms = ms_since(start);
    if (!matcher.is_complete()) return internal_error("the constrained answer ended incomplete: " + matcher.output());
    answer.text = matcher.output();
    return answer;
  }

  std::string name() const override { return "embedded"; }
  std::string model() const override { return path_; }
  std::size_t document_char_budget(const LlmRequest& request) const override {
    // Tokens left for the document once the instructions and the answer (max_tokens) are in; ~3 characters
    // a token is conservative for French and English text in these vocabularies.
    std::string instructions = llm::render_chat(family_, request.messages);
    std::int64_t used = static_cast<std::int64_t>(tokenizer_->encode(instructions).size()) + request.max_tokens;
    std::int64_t left = options_.n_ctx - used;
    return left > 0 ? static_cast<std::size_t>(left) * 3 : 1;
  }

 private:
  EmbeddedBackend() = default;

  Result<std::shared_ptr<const llm::JsonGrammar>> grammar_for(const fields::Json& schema) const {
    std::string key = schema.dump();
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = grammars_.find(key);
    if (it != grammars_.end()) return it->second;
    TEXTRA_ASSIGN_OR_RETURN(llm::JsonGrammar grammar, llm::JsonGrammar::compile(schema));
    auto shared = std::make_shared<const llm::JsonGrammar>(std::move(grammar));
    grammars_.emplace(key, shared);
    return shared;
  }

  std::string path_;
  EmbeddedOptions options_;
  std::unique_ptr<llm::Model> model_;
  std::unique_ptr<llm::Tokenizer> tokenizer_;
  llm::ChatFamily family_ = llm::ChatFamily::kChatMl;
  std::shared_ptr<const llm::TokenVocabulary> vocabulary_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const llm::JsonGrammar>> grammars_;
};

}  // namespace

Result<std::unique_ptr<LlmBackend>> make_embedded_backend(const std::string& gguf_path, const EmbeddedOptions& options) {
  TEXTRA_ASSIGN_OR_RETURN(auto backend, EmbeddedBackend::load(gguf_path, options));
  return std::unique_ptr<LlmBackend>(std::move(backend));
}

}  // namespace textra::extract
