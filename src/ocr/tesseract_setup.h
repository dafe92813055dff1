// Process- and thread-wide settings every user of Tesseract needs (the Tesseract engine, orientation
// detection, the fusion engine's line re-reads). Internal to the ocr module.
#pragma once

#include <string>

namespace textra::ocr {

// Tesseract's diagnostics ("Estimating resolution as ...") go to /dev/null, Leptonica's to our log: we
// report our own errors. Applied once, before the first Tesseract instance loads.
void configure_tesseract_once();

// OpenMP off in the calling thread: each engine runs on one thread and the pool's -j is the parallelism.
// Tesseract's own OpenMP regions over-subscribe the cores when several engines run (its `num_threads`
// clauses ignore omp_set_num_threads, but a maximum of 0 active levels makes every region serial). Since
// GCC 11 that maximum is a per-thread setting (OpenMP 5.1), so every thread that runs Tesseract sets it:
// set once in one thread only, `-j 2` spent 60 % more CPU and ran slower than `-j 1` (10 SROIE receipts).
void serial_openmp_in_this_thread();

// The tessdata folder for messages: the given one or "Tesseract's default tessdata folder".
std::string tessdata_description(const std::string& tessdata_dir);

}  // namespace textra::ocr
