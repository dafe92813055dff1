#include "llm/grammar/grammar_matcher.h"

#include <algorithm>
#include <cstring>

namespace textra::llm {
namespace {

// Unconstrained masks kept per parser state (16 KB each on a 128k vocabulary); the cache is emptied when
// full, which only costs recomputation.
constexpr size_t kMaxCachedMasks = 512;

std::string describe_missing(const std::bitset<256>& missing) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  size_t listed = 0;
  for (int b = 0; b < 256 && listed < 12; ++b) {
    if (!missing.test(static_cast<size_t>(b))) continue;
    if (!out.empty()) out += ", ";
    if (b >= 0x21 && b < 0x7F) out += std::string("'") + static_cast<char>(b) + "'";
    else out += std::string("0x") + kHex[b >> 4] + kHex[b & 15];
    ++listed;
  }
  if (missing.count() > listed) out += ", ...";
  return out;
}

}  // namespace

Result<GrammarMatcher> GrammarMatcher::create(std::shared_ptr<const JsonGrammar> grammar,
                                              std::shared_ptr<const TokenVocabulary> vocabulary) {
  if (grammar == nullptr || vocabulary == nullptr) return invalid_argument("grammar matcher: no grammar or vocabulary");
  std::bitset<256> needed = grammar->completion_bytes();
  // A token that stops inside a UTF-8 character forces continuation bytes to finish it.
  if (vocabulary->has_token_ending_inside_utf8()) {
    for (int b = 0x80; b <= 0xBF; ++b) needed.set(static_cast<size_t>(b));
  }
  std::bitset<256> missing = needed & ~vocabulary->single_byte_tokens();
  if (missing.any()) {
    return unsupported("grammar matcher: the vocabulary has no single-byte token for " + describe_missing(missing) +
                       ", so a shortest completion cannot be guaranteed within the token budget");
  }
  return GrammarMatcher(std::move(grammar), std::move(vocabulary));
}

GrammarMatcher::GrammarMatcher(std::shared_ptr<const JsonGrammar> grammar,
                               std::shared_ptr<const TokenVocabulary> vocabulary)
    : grammar_(std::move(grammar)), vocab_(std::move(vocabulary)), parser_(*grammar_) {
  levels_.resize(vocab_->max_token_length() + 1u);
  reset();
  // The first token inside a string would otherwise pay for a walk of the whole trie (milliseconds on a
  // 128k vocabulary): do it now, once per distinct kind of string (most share one entry).
  for (uint32_t id = 0; id < grammar_->node_count(); ++id) {
    if (grammar_->node(id).kind != GrammarNodeKind::kString) continue;
    Cursor string_start{parser_.initial_frame(id), -1, 0};
    StackArena arena;
    if (parser_.step(string_start, arena, '"')) inner_entry(string_start.top);
  }
}

void GrammarMatcher::reset() {
  state_ = Cursor{parser_.initial_frame(grammar_->root()), -1, 0};
  stack_.clear();
  output_.clear();
  finished_ = false;
}

bool GrammarMatcher::is_complete() const { return finished_ || parser_.can_end(state_, stack_); }

size_t GrammarMatcher::min_completion_bytes() const {
  return finished_ ? 0 : parser_.min_completion(state_, stack_);
}

std::string GrammarMatcher::forced_bytes(size_t max_bytes) {
  std::string forced;
  if (finished_) return forced;
  scratch_.assign(stack_.begin(), stack_.end());
  Cursor c = state_;
  while (forced.size() < max_bytes && !parser_.can_end(c, scratch_)) {
    int only = -1;
    for (int byte = 0; byte < 256; ++byte) {
      Cursor trial = c;
      if (!parser_.step(trial, scratch_, static_cast<uint8_t>(byte))) continue;
      if (only >= 0) return forced;  // a second byte is allowed: a free choice
      only = byte;
    }
    if (only < 0) break;
    // Stepped again: the trials of other bytes may have written over the arena entries its push used.
    parser_.step(c, scratch_, static_cast<uint8_t>(only));
    forced += static_cast<char>(only);
  }
  return forced;
}

Status GrammarMatcher::accept_token(int32_t id) {
  if (finished_) return invalid_argument("grammar: token " + std::to_string(id) + " after the end of generation");
  if (id < 0 || static_cast<size_t>(id) >= vocab_->size()) {
    return invalid_argument("grammar: token id " + std::to_string(id) + " outside the vocabulary");
  }
  auto not_allowed = [&](const char* why) {
    std::string tail = output_.size() > 60 ? output_.substr(output_.size() - 60) : output_;
    return invalid_argument("grammar: token " + std::to_string(id) + " " + why + " after \"" + tail + "\"");
  };
  if (vocab_->is_end_of_generation(id)) {
    if (!is_complete()) return not_allowed("(end of generation) comes before the JSON is complete");
    finished_ = true;
    return Status::ok();
  }
  const std::string& bytes = vocab_->bytes(id);
  if (bytes.empty()) return not_allowed("(a control token) is never allowed");
  scratch_.assign(stack_.begin(), stack_.end());
  Cursor c = state_;
  for (char byte : bytes) {
    if (!parser_.step(c, scratch_, static_cast<uint8_t>(byte))) return not_allowed(("\"" + bytes + "\" is not allowed").c_str());
  }
  // Keep only the live chain, bottom first, so the stack stays compact and the state key canonical.
  std::vector<StackEntry> chain;
  for (int32_t at = c.parent; at >= 0; at = scratch_[static_cast<size_t>(at)].parent) {
    chain.push_back(scratch_[static_cast<size_t>(at)]);
  }
  std::reverse(chain.begin(), chain.end());
  for (size_t i = 0; i < chain.size(); ++i) chain[i].parent = static_cast<int32_t>(i) - 1;
  stack_ = std::move(chain);
  state_ = Cursor{c.top, static_cast<int32_t>(stack_.size()) - 1, static_cast<uint32_t>(stack_.size())};
  output_ += bytes;
  return Status::ok();
}

// What a string frame accepts depends on its stage and on how many more code points maxLength allows; once
// that exceeds the longest token, it no longer matters.
uint32_t GrammarMatcher::string_room(const Frame& string_frame) const {
  uint32_t max_length = grammar_->node(string_frame.node).max_length;
  uint32_t room = max_length == kNoLimit ? kNoLimit : max_length - std::min(max_length, string_frame.value);
  return std::min(room, vocab_->max_token_length());
}

std::string GrammarMatcher::state_key() const {
  std::string key((stack_.size() + 1) * sizeof(Frame), '\0');
  for (size_t i = 0; i < stack_.size(); ++i) std::memcpy(key.data() + i * sizeof(Frame), &stack_[i].frame, sizeof(Frame));
  Frame top = state_.top;
  // Inside a string with maxLength, positions with plenty of room left share one mask.
  if (top.kind == FrameKind::kString) top.value = string_room(top);
  std::memcpy(key.data() + stack_.size() * sizeof(Frame), &top, sizeof(Frame));
  return key;
}

// Depth-first walk of the trie nodes [begin, end) (a subtree below a node of depth base_depth) from the parser
// state `start`: a byte the grammar rejects skips its whole subtree. on_exit(node) is called instead of
// descending when the state reaches a kBoundary frame.
template <typename OnToken, typename OnExit>
void GrammarMatcher::walk(uint32_t begin, uint32_t end, uint16_t base_depth, const Cursor& start, StackArena& arena,
                          OnToken&& on_token, OnExit&& on_exit) {
  const auto& nodes = vocab_->nodes();
  levels_[0] = start;
  for (uint32_t i = begin; i < end;) {
    const TokenVocabulary::TrieNode& n = nodes[i];
    size_t level = n.depth - base_depth;
    Cursor c = levels_[level - 1];
    if (!parser_.step(c, arena, n.byte)) {
      i = n.subtree_end;
      continue;
    }
    if (c.top.kind == FrameKind::kBoundary) {
      on_exit(i);
      i = n.subtree_end;
      continue;
    }
    levels_[level] = c;
    if (!vocab_->tokens_at(i).empty()) on_token(i, c);
    ++i;
  }
}

const GrammarMatcher::InnerEntry& GrammarMatcher::inner_entry(const Frame& string_frame) {
  uint64_t key = string_frame.stage | (uint64_t{string_frame.sub} << 8) | (uint64_t{string_room(string_frame)} << 24);
  auto found = inner_.find(key);
  if (found != inner_.end()) return *found->second;

  auto entry = std::make_unique<InnerEntry>();
  entry->all = TokenMask(vocab_->size());
  StackArena arena = {StackEntry{Frame{FrameKind::kBoundary, 0, 0, 0, 0}, -1, 0}};
  Cursor start{string_frame, 0, 1};
  walk(1, static_cast<uint32_t>(vocab_->nodes().size()), 0, start, arena,
       [&](uint32_t node, const Cursor& c) {
         uint32_t r = parser_.remainder(c.top);
         entry->max_remainder = std::max(entry->max_remainder, r);
         if (r >= entry->by_remainder.size()) entry->by_remainder.resize(r + 1);
         for (int32_t id : vocab_->tokens_at(node)) {
           entry->all.set(id);
           if (r >= 2) entry->by_remainder[r].push_back(id);
         }
       },
       [&](uint32_t node) { entry->exits.push_back(node); });
  return *(inner_[key] = std::move(entry));
}

GrammarMatcher::MaskEntry GrammarMatcher::compute_entry() {
  MaskEntry e;
  e.mask = TokenMask(vocab_->size());
  scratch_.assign(stack_.begin(), stack_.end());
  const auto& nodes = vocab_->nodes();
  auto add = [&](uint32_t node, const Cursor& c) {
    uint32_t after = parser_.min_completion(c, scratch_);
    e.max_after = std::max(e.max_after, after);
    for (int32_t id : vocab_->tokens_at(node)) {
      e.mask.set(id);
      e.listed.emplace_back(after, id);
    }
  };
  auto no_exit = [](uint32_t) {};
  if (PushdownParser::inside_string(state_.top)) {
    // Inside a string: the tokens that stay inside it come from a cache shared by all strings; only those
    // that close it are walked on, from the state after the closing quote.
    const InnerEntry& inner = inner_entry(state_.top);
    e.mask = inner.all;
    e.inner = &inner;
    e.inner_base = state_.parent >= 0 ? stack_[static_cast<size_t>(state_.parent)].below : 0;
    if (inner.all.count() > 0) e.max_after = e.inner_base + inner.max_remainder;
    Cursor closed = state_;
    parser_.pop(closed, scratch_);
    for (uint32_t x : inner.exits) {
      if (!vocab_->tokens_at(x).empty()) add(x, closed);
      walk(x + 1, nodes[x].subtree_end, nodes[x].depth, closed, scratch_, add, no_exit);
    }
  } else {
    walk(1, static_cast<uint32_t>(nodes.size()), 0, state_, scratch_, add, no_exit);
  }
  if (parser_.can_end(state_, stack_)) {
    for (int32_t id : vocab_->end_of_generation()) e.mask.set(id);
  }
  return e;
}

const GrammarMatcher::MaskEntry& GrammarMatcher::entry_for_state() {
  std::string key = state_key();
  auto found = masks_.find(key);
  if (found != masks_.end()) return found->second;
  if (masks_.size() >= kMaxCachedMasks) masks_.clear();
  return masks_.emplace(std::move(key), compute_entry()).first->second;
}

uint64_t GrammarMatcher::budget_limit(size_t tokens_left) const {
  // Never below "one byte less than now": the single-byte token that starts a shortest completion always
  // passes, so even a budget that was too small from the start ends in valid JSON.
  uint64_t limit = tokens_left == 0 ? 0 : tokens_left - 1;
  uint64_t now = parser_.min_completion(state_, stack_);
  return std::max<uint64_t>(limit, now == 0 ? 0 : now - 1);
}

void GrammarMatcher::allowed_tokens(TokenMask& mask, size_t tokens_left) {
  if (finished_) {
    mask = TokenMask(vocab_->size());
    return;
  }
  const MaskEntry& e = entry_for_state();
  mask = e.mask;
  if (tokens_left == kUnlimited) return;
  uint64_t limit = budget_limit(tokens_left);
  if (limit >= e.max_after) return;
  if (e.inner != nullptr) {
    if (e.inner_base + 1 > limit) {
      mask.remove_all(e.inner->all);
    } else {
      for (size_t r = 2; r < e.inner->by_remainder.size(); ++r) {
        if (e.inner_base + r <= limit) continue;
        for (int32_t id : e.inner->by_remainder[r]) mask.reset(id);
      }
    }
  }
  for (const auto& [after, id] : e.listed) {
    if (after > limit) mask.reset(id);
  }
}

bool GrammarMatcher::forced_completion_needed(size_t tokens_left) {
  if (finished_ || tokens_left == kUnlimited) return false;
  return budget_limit(tokens_left) < entry_for_state().max_after;
}

}  // namespace textra::llm
