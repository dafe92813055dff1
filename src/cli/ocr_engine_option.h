// `--ocr-engine tesseract|ppocr|fusion`, the same on every command that recognises pages (ocr, extract,
// label export, train, serve). `--engine` stays the extraction engine (ner/llm).
#pragma once

#include <CLI/CLI.hpp>

#include "ocr/engine.h"

namespace textra::cli {

// Adds the option to `command`; the parsed choice lands in *kind, whose value is the shown default.
CLI::Option* add_ocr_engine_option(CLI::App* command, ocr::EngineKind* kind);

}  // namespace textra::cli
