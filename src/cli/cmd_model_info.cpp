// `textra model info FILE.gguf [--json]`: what a GGUF file holds (architecture, sizes, tensor types per
// group, context length, tokenizer, chat template family). Reads metadata only; tensor data stays unread.
#include <cstdio>
#include <string>

#include "cli/command_group.h"
#include "cli/llm_options.h"
#include "llm/chat/chat_template.h"
#include "llm/gguf/gguf_file.h"
#include "llm/gguf/model_summary.h"

namespace textra::cli {
namespace {

struct InfoArgs {
  std::string path;
  bool json = false;
};

// 1234567 -> "1,234,567"
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

std::string or_dash(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; }

void print_text(const std::string& path, const llm::GgufModelSummary& s, const std::optional<std::string>& family) {
  std::printf("file:            %s (%s bytes, GGUF v%u, %zu metadata keys)\n", path.c_str(),
              grouped(s.file_bytes).c_str(), s.gguf_version, s.metadata_count);
  std::printf("architecture:    %s%s%s\n", s.architecture.empty() ? "-" : s.architecture.c_str(),
              s.name.empty() ? "" : "  name: ", s.name.c_str());
  std::printf("file type:       %s\n", s.file_type ? s.file_type->c_str() : "-");
  const double bits_per_weight = s.parameters == 0 ? 0.0 : 8.0 * static_cast<double>(s.tensor_bytes) / s.parameters;
  std::printf("parameters:      %s in %zu tensors (%s bytes of tensor data, %.2f bits per weight)\n",
              grouped(s.parameters).c_str(), s.tensor_count, grouped(s.tensor_bytes).c_str(), bits_per_weight);
  std::printf("context length:  %s\n", or_dash(s.context_length).c_str());
  std::printf("dimensions:      embedding %s, layers %s, heads %s (kv %s), feed-forward %s\n",
              or_dash(s.embedding_length).c_str(), or_dash(s.block_count).c_str(), or_dash(s.head_count).c_str(),
              or_dash(s.head_count_kv).c_str(), or_dash(s.feed_forward_length).c_str());
  std::printf("vocabulary:      %s", s.vocab_type ? s.vocab_type->c_str() : "-");
  if (s.pre_tokenizer) std::printf(" (pre-tokenizer %s)", s.pre_tokenizer->c_str());
  if (s.vocab_size) std::printf(", %s tokens", grouped(*s.vocab_size).c_str());
  std::printf("\nchat template:   %s\n", family ? family->c_str() : "none in the file");
  if (s.groups.empty()) return;
  std::printf("tensor groups:\n  %-22s %7s %15s %15s  %s\n", "group", "tensors", "elements", "bytes", "types");
  for (const auto& g : s.groups) {
    std::string types;
    for (const auto& [type, count] : g.types) types += (types.empty() ? "" : ", ") + type + " x" + std::to_string(count);
    std::printf("  %-22s %7zu %15s %15s  %s\n", g.name.c_str(), g.tensors, grouped(g.elements).c_str(),
                grouped(g.bytes).c_str(), types.c_str());
  }
}

int run_info(const InfoArgs& args) {
  auto file = llm::GgufFile::open(args.path);
  if (!file.is_ok()) return fail(file.status());
  auto summary = llm::summarize_model(**file);
  if (!summary.is_ok()) return fail(summary.status());
  // The family llama.cpp would pick for this template (llm/chat); none when the file has no template.
  std::optional<std::string> family;
  if (summary->chat_template) family = llm::chat_family_name(llm::detect_chat_family(*summary->chat_template));
  if (args.json) {
    std::printf("%s\n", llm::summary_to_json(*summary, family).dump(2).c_str());
  } else {
    print_text(args.path, *summary, family);
  }
  return kExitOk;
}

const CommandRegistration kModelInfo(505, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<InfoArgs>();
  auto make = [args](CLI::App& parent) {
    CLI::App* cmd = parent.add_subcommand("info", "Show what a GGUF file holds (architecture, sizes, types, tokenizer)");
    cmd->add_option("file", args->path, "GGUF file (a model, or a vocabulary-only file)")->required();
    cmd->add_flag("--json", args->json, "Print one JSON object");
    return cmd;
  };
  return add_grouped_command(app, "model", "Inspect or create GGUF model files", make, [args] { return run_info(*args); });
});

}  // namespace
}  // namespace textra::cli
