// Writes the seeds of chat_template_fuzz: the chat templates of the GGUF fixtures in the shared data and
// each family's name, each followed by a short conversation (parts separated by 0x01).
#include <cstdio>
#include <filesystem>
#include <string>

#include "base/files.h"
#include "llm/chat/chat_template.h"
#include "llm/gguf/gguf_file.h"

using namespace textra;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_seeds FIXTURES_LLM_DIR OUT_DIR\n");
    return 2;
  }
  std::string conversation;
  for (const char* part : {"system", " Be brief. ", "user", "Total?", "assistant", " 42 ", "user", "Date?"}) {
    conversation += '\x01';
    conversation += part;
  }
  const std::filesystem::path out = argv[2];
  bool ok = true;
  for (int f = 0; f <= static_cast<int>(llm::ChatFamily::kGeneric); ++f) {
    const char* name = llm::chat_family_name(static_cast<llm::ChatFamily>(f));
    ok &= write_file((out / (std::string("family-") + name)).string(), name + conversation).is_ok();
  }
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1], error)) {
    if (entry.path().extension() != ".gguf") continue;
    auto file = llm::GgufFile::open(entry.path().string());
    if (!file.is_ok()) continue;
    auto chat_template = (*file)->get_string("tokenizer.chat_template");
    if (!chat_template.is_ok()) continue;
    ok &= write_file((out / entry.path().stem()).string(), *chat_template + conversation).is_ok();
  }
  if (error) std::fprintf(stderr, "make_seeds: %s: %s (only the family names are seeds)\n", argv[1], error.message().c_str());
  return ok ? 0 : 1;
}
