// `textra tokenize -m FILE.gguf [--ids] [--no-bos] [--no-parse-special] TEXT`: the token ids of TEXT with
// the model's own tokenizer (as llama.cpp's llama_tokenize: BOS/EOS per the file, special-token text
// parsed), printed as "id<TAB>piece" lines, or with --ids as one JSON array. TEXT "-" reads stdin.
#include <cstdio>
#include <iostream>
#include <iterator>

#include "cli/command.h"
#include "llm/tokenizer/gguf_vocabulary.h"

namespace textra::cli {
namespace {

struct TokenizeArgs {
  std::string model;
  std::string text;
  bool ids_only = false;
  bool no_bos = false;
  bool no_parse_special = false;
};

// A piece between quotes: printable ASCII and complete UTF-8 sequences as they are, the rest escaped
// (pieces of byte tokens can be partial UTF-8).
std::string quote_piece(std::string_view piece) {
  std::string out = "'";
  for (std::size_t i = 0; i < piece.size();) {
    const auto c = static_cast<unsigned char>(piece[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool complete = len > 1 && i + len <= piece.size();
    for (std::size_t k = 1; complete && k < len; ++k) complete = (static_cast<unsigned char>(piece[i + k]) & 0xC0) == 0x80;
    if (complete) {
      out.append(piece.substr(i, len));
      i += len;
      continue;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\' || c == '\'') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
    ++i;
  }
  return out + "'";
}

int run_tokenize(const TokenizeArgs& args) {
  auto tok = llm::tokenizer_from_gguf_file(args.model);
  if (!tok.is_ok()) {
    std::fprintf(stderr, "textra tokenize: %s\n", tok.status().message().c_str());
    return kExitFailure;
  }
  std::string text = args.text;
  if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  const auto ids = (*tok)->encode(text, {.add_special = !args.no_bos, .parse_special = !args.no_parse_special});
  if (args.ids_only) {
    std::string line = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) line += (i ? ", " : "") + std::to_string(ids[i]);
    std::printf("%s]\n", line.c_str());
    return kExitOk;
  }
  for (llm::TokenId id : ids) std::printf("%d\t%s\n", id, quote_piece((*tok)->piece(id)).c_str());
  return kExitOk;
}

const CommandRegistration kTokenize(400, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<TokenizeArgs>();
  CLI::App* cmd = app.add_subcommand("tokenize", "Token ids of a text with a GGUF model's tokenizer");
  cmd->add_option("-m,--model", args->model, "GGUF file (a vocabulary-only file is enough)")->required();
  cmd->add_flag("--ids", args->ids_only, "Print only the ids, as a JSON array on one line");
  cmd->add_flag("--no-bos", args->no_bos, "Do not add BOS/EOS (llama.cpp's add_special=false)");
  cmd->add_flag("--no-parse-special", args->no_parse_special,
                "Keep special-token text such as <|eot_id|> as plain text");
  cmd->add_option("text", args->text, "Text to tokenize (\"-\" reads standard input)")->required();
  return [args] { return run_tokenize(*args); };
});

}  // namespace
}  // namespace textra::cli
