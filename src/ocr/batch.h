// OCR of many files with every core busy: files are opened (decoded) a few at a time, and each page of
// each file is one task on a pool of `jobs` workers; a page that needs OCR borrows an OCR engine
// from one EnginePool. A file's result is handed over as soon as its last page is done, in completion
// order. Only jobs + 1 files are open at once, so a batch of thousands of scans never sits in memory.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "ocr/document_ocr.h"

namespace textra::ocr {

// Called once per file, from a worker thread, possibly from several at once.
using FileDone = std::function<void(std::size_t file_index, Result<doc::Document> result)>;

// Runs the files (paths) through ingest + OCR with `jobs` workers (0 = one per hardware thread).
// `work_ms`, when given, is resized to one entry per file; entry i (milliseconds spent opening file i and
// recognising its pages, summed over its pages, not counting the wait for a worker) is set before on_done(i).
void ocr_files(const std::vector<std::string>& files, const OcrOptions& options, std::size_t jobs,
               const FileDone& on_done, std::vector<double>* work_ms = nullptr);

}  // namespace textra::ocr
