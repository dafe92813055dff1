// Grammar-mask cost per token for the invoice schema on the Llama 3 vocabulary (128256 tokens):
//  - "invoice": the tokens of a realistic invoice JSON (as the real tokenizer splits it), with a new matcher
//    (no state seen before), then again after reset() (a server extracting one document after another);
//  - "random": uniform choices among the allowed tokens with a 400-token budget (what a random-weight
//    model does: long strings, then a forced completion);
//  - "free object": the same invoice text and random walks under {"type":"object"} (the server's format
//    "json": any keys, free-form values);
//  - "per-token check": the approach without a trie, running every token's bytes through the parser at
//    each step (what a plain grammar sampler does), on a few steps; its masks must equal ours.
// Usage: bench_grammar [vocab.gguf] [schema.json]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "base/shared_paths.h"
#include "llm/grammar/grammar_matcher.h"
#include "llm/grammar/tokenizer_vocabulary.h"
#include "llm/tokenizer/gguf_vocabulary.h"

using namespace textra;
using namespace textra::llm;

namespace {

using Clock = std::chrono::steady_clock;

// A fictitious invoice, in the schema's property order.
const char* kInvoiceJson =
    R"({"invoice_number":"FA-2024-00123","invoice_date":"2024-03-15","due_date":"2024-04-14",)"
    R"("supplier":{"name":"Imprimerie Lefèvre SARL","address":"12 rue des Lilas, 69003 Lyon",)"
    R"("vat_id":"FR40303265045","other_ids":[{"scheme":"SIRET","value":"30326504500017"}]},)"
    R"("customer":{"name":"Café du Commerce","address":"4 place Bellecour, 69002 Lyon"},"currency":"EUR",)"
    R"("total_ht":1250.5,"total_tva":250.1,"total_ttc":1500.6,"amount_due":1500.6,"paid":false,)"
    R"("line_items":[{"description":"Cartes de visite recto-verso, 500 ex.","quantity":2,"unit_price":45.25,)"
    R"("amount":90.5,"vat_rate":20},{"description":"Flyers A5 quadri, 5000 ex. \"urgent\"","quantity":1,)"
    R"("unit_price":1160,"amount":1160,"vat_rate":20}]})";

struct Stats {
  double mean = 0, p50 = 0, p99 = 0, max = 0;
  size_t n = 0;
};

Stats summarize(std::vector<double> us) {
  Stats s;
  s.n = us.size();
  if (us.empty()) return s;
  std::sort(us.begin(), us.end());
  for (double v : us) s.mean += v;
  s.mean /= static_cast<double>(us.size());
  s.p50 = us[us.size() / 2];
  s.p99 = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  s.max = us.back();
  return s;
}

// CPU time of this thread: on a shared machine, wall time also counts the time other processes ran.
double thread_cpu_micros() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// Wall and thread-CPU microseconds of each timed call.
struct Timings {
  std::vector<double> wall, cpu;

  template <typename F>
  void time(F&& f) {
    auto wall_start = Clock::now();
    double cpu_start = thread_cpu_micros();
    f();
    cpu.push_back(thread_cpu_micros() - cpu_start);
    wall.push_back(std::chrono::duration<double, std::micro>(Clock::now() - wall_start).count());
  }
};

void print_row(const char* name, const Timings& t) {
  Stats w = summarize(t.wall), c = summarize(t.cpu);
  std::printf("%-30s %6zu | %9.1f %9.1f %9.1f %9.1f | %9.1f %9.1f %9.1f\n", name, w.n, w.mean, w.p50, w.p99, w.max,
              c.mean, c.p50, c.p99);
}

double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// Times allowed_tokens() at each step of a given token sequence; false if a token is refused.
bool time_sequence(GrammarMatcher& m, const std::vector<int32_t>& ids, Timings& timings) {
  TokenMask mask;
  m.reset();
  for (int32_t id : ids) {
    timings.time([&] { m.allowed_tokens(mask, 1024); });
    if (!mask.test(id) || !m.accept_token(id).is_ok()) {
      std::fprintf(stderr, "token %d refused after: %s\n", id, m.output().c_str());
      return false;
    }
  }
  return m.is_complete();
}

// Uniform choices among the allowed tokens, `walks` times with a token budget; false unless each ends in JSON.
bool time_random_walks(GrammarMatcher& m, const TokenVocabulary& vocab, size_t walks, size_t budget, Timings& timings,
                       size_t& tokens) {
  std::mt19937 rng(42);
  TokenMask mask;
  for (size_t walk = 0; walk < walks; ++walk) {
    m.reset();
    for (size_t left = budget; left > 0; --left) {
      timings.time([&] { m.allowed_tokens(mask, left); });
      std::vector<int32_t> ids = mask.ids();
      int32_t id = ids[rng() % ids.size()];
      if (vocab.is_end_of_generation(id)) break;
      if (!m.accept_token(id).is_ok()) return false;
      ++tokens;
    }
    if (!m.is_complete() || !nlohmann::json::accept(m.output())) {
      std::fprintf(stderr, "random walk %zu did not end in valid JSON: %s\n", walk, m.output().c_str());
      return false;
    }
  }
  return true;
}

// Longest-match split of a text into tokens of the vocabulary (every byte must be a token).
std::vector<int32_t> greedy_tokens(const TokenVocabulary& vocab, const std::string& text) {
  std::vector<int32_t> ids;
  const auto& nodes = vocab.nodes();
  for (size_t at = 0; at < text.size();) {
    int32_t best = -1;
    size_t best_length = 0;
    uint32_t node = 0;
    for (size_t k = at; k < text.size(); ++k) {
      uint32_t child = node + 1;  // children of a preorder node: walk its direct subtrees
      while (child < nodes[node].subtree_end && nodes[child].byte != static_cast<uint8_t>(text[k])) {
        child = nodes[child].subtree_end;
      }
      if (child >= nodes[node].subtree_end) break;
      node = child;
      if (!vocab.tokens_at(node).empty()) best = vocab.tokens_at(node)[0], best_length = k - at + 1;
    }
    if (best < 0) return {};
    ids.push_back(best);
    at += best_length;
  }
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  std::string vocab_path = argc > 1 ? argv[1] : shared_dir() + "/fixtures/tokenizer/ggml-vocab-llama-bpe.gguf";
  std::string schema_path = argc > 2 ? argv[2] : TEXTRA_INVOICE_SCHEMA;

  auto tokenizer = tokenizer_from_gguf_file(vocab_path);
  if (!tokenizer.is_ok()) {
    std::fprintf(stderr, "%s\n", tokenizer.status().message().c_str());
    return 1;
  }
  const Tokenizer& tok = *tokenizer.value();
  auto start = Clock::now();
  auto vocab = token_vocabulary_from_tokenizer(tok);
  double build_ms = micros_since(start) / 1000;
  if (!vocab.is_ok()) {
    std::fprintf(stderr, "%s\n", vocab.status().message().c_str());
    return 1;
  }
  std::ifstream in(schema_path);
  auto schema = nlohmann::ordered_json::parse(in, nullptr, false);
  start = Clock::now();
  auto grammar = JsonGrammar::compile(schema);
  if (!grammar.is_ok()) {
    std::fprintf(stderr, "%s: %s\n", schema_path.c_str(), grammar.status().message().c_str());
    return 1;
  }
  auto shared_grammar = std::make_shared<const JsonGrammar>(std::move(grammar).value());
  double compile_us = micros_since(start);
  auto create_matcher = [&]() { return GrammarMatcher::create(shared_grammar, vocab.value()); };
  start = Clock::now();
  auto matcher = create_matcher();
  double create_ms = micros_since(start) / 1000;
  if (!matcher.is_ok()) {
    std::fprintf(stderr, "%s\n", matcher.status().message().c_str());
    return 1;
  }
  GrammarMatcher& m = matcher.value();
  std::printf("vocabulary %s: %zu tokens, %zu trie nodes, longest token %u bytes, trie built in %.1f ms\n",
              vocab_path.c_str(), vocab.value()->size(), vocab.value()->nodes().size(),
              vocab.value()->max_token_length(), build_ms);
  std::printf("schema %s: %zu grammar nodes, compiled in %.0f us, shortest output %zu bytes\n",
              schema_path.c_str(), shared_grammar->node_count(), compile_us, m.min_completion_bytes());
  std::printf("matcher created in %.1f ms (walks the trie once for the tokens allowed inside strings)\n\n", create_ms);

  std::vector<int32_t> invoice_ids = tok.encode(kInvoiceJson, {.add_special = false, .parse_special = false});
  // SentencePiece vocabularies add a space before the text: split it by longest match instead.
  std::string concatenated;
  for (int32_t id : invoice_ids) concatenated += vocab.value()->bytes(id);
  if (concatenated != kInvoiceJson) invoice_ids = greedy_tokens(*vocab.value(), kInvoiceJson);
  Timings cold, warm;
  const int kPasses = 5;
  for (int pass = 0; pass < kPasses; ++pass) {  // a fresh matcher each time: every state is new
    auto fresh = create_matcher();
    if (!time_sequence(fresh.value(), invoice_ids, cold)) return 1;
  }
  if (!time_sequence(m, invoice_ids, warm)) return 1;  // fills m's caches
  warm = Timings();
  for (int pass = 0; pass < kPasses; ++pass) {
    if (!time_sequence(m, invoice_ids, warm)) return 1;
  }

  Timings random;
  const size_t walks = 8, budget = 400;
  size_t random_tokens = 0;
  TokenMask mask;
  if (!time_random_walks(m, *vocab.value(), walks, budget, random, random_tokens)) return 1;

  // Per-token check on the first steps of the invoice: every token's bytes through the parser.
  PushdownParser parser(*shared_grammar);
  StackArena arena;
  Cursor state{parser.initial_frame(shared_grammar->root()), -1, 0};
  Timings naive_timings;
  size_t mismatches = 0;
  m.reset();
  for (size_t step = 0; step < 12 && step < invoice_ids.size(); ++step) {
    TokenMask naive(vocab.value()->size());
    naive_timings.time([&] {
      for (size_t id = 0; id < vocab.value()->size(); ++id) {
        const std::string& b = vocab.value()->bytes(static_cast<int32_t>(id));
        if (b.empty() || vocab.value()->is_end_of_generation(static_cast<int32_t>(id))) continue;
        Cursor c = state;
        bool ok = true;
        for (size_t k = 0; k < b.size() && ok; ++k) ok = parser.step(c, arena, static_cast<uint8_t>(b[k]));
        if (ok) naive.set(static_cast<int32_t>(id));
      }
    });
    m.allowed_tokens(mask);
    if (mask.words() != naive.words()) ++mismatches;
    const std::string& b = vocab.value()->bytes(invoice_ids[step]);
    for (char byte : b) parser.step(state, arena, static_cast<uint8_t>(byte));
    if (!m.accept_token(invoice_ids[step]).is_ok()) return 1;
  }

  // Free-form objects (the server's format "json"): the same invoice text under {"type":"object"}.
  auto free_grammar = std::make_shared<const JsonGrammar>(
      JsonGrammar::compile(nlohmann::ordered_json::parse(R"({"type":"object"})")).value());
  Timings free_cold, free_warm, free_random;
  size_t free_random_tokens = 0;
  auto free_matcher = GrammarMatcher::create(free_grammar, vocab.value());
  if (!free_matcher.is_ok()) return 1;
  for (int pass = 0; pass < kPasses; ++pass) {
    auto fresh = GrammarMatcher::create(free_grammar, vocab.value());
    if (!time_sequence(fresh.value(), invoice_ids, free_cold)) return 1;
  }
  for (int pass = 0; pass <= kPasses; ++pass) {
    if (pass == 1) free_warm = Timings();  // the first pass fills the caches
    if (!time_sequence(free_matcher.value(), invoice_ids, free_warm)) return 1;
  }
  if (!time_random_walks(free_matcher.value(), *vocab.value(), walks, budget, free_random, free_random_tokens)) {
    return 1;
  }

  std::printf("%-30s %6s | %9s %9s %9s %9s | %9s %9s %9s\n", "us per mask", "masks", "wall mean", "p50", "p99",
              "max", "cpu mean", "p50", "p99");
  print_row("invoice, new matcher", cold);
  print_row("invoice, warm (after reset)", warm);
  print_row("random walks, budget 400", random);
  print_row("per-token check (no trie)", naive_timings);
  print_row("free object, new matcher", free_cold);
  print_row("free object, warm", free_warm);
  print_row("free object, random walks", free_random);
  std::printf("\ninvoice: %zu tokens; random walks: %zu tokens in %zu walks (free object: %zu); per-token check "
              "masks %s ours\n",
              invoice_ids.size(), random_tokens, walks, free_random_tokens, mismatches == 0 ? "equal" : "DIFFER FROM");
  Stats cold_wall = summarize(cold.wall), cold_cpu = summarize(cold.cpu), random_cpu = summarize(random.cpu);
  std::printf("summary: grammar mask, invoice schema, %zu-token vocabulary: cold %.1f us mean / %.1f us p99 wall "
              "(%.1f / %.1f cpu), warm %.1f us mean, random walks %.1f / %.1f cpu; per-token check %.0f us; "
              "free object cold %.1f / %.1f cpu, random walks %.1f / %.1f cpu\n",
              vocab.value()->size(), cold_wall.mean, cold_wall.p99, cold_cpu.mean, cold_cpu.p99,
              summarize(warm.wall).mean, random_cpu.mean, random_cpu.p99, summarize(naive_timings.wall).mean,
              summarize(free_cold.cpu).mean, summarize(free_cold.cpu).p99, summarize(free_random.cpu).mean,
              summarize(free_random.cpu).p99);
  return mismatches == 0 ? 0 : 1;
}
