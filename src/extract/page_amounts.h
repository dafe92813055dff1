// Money amounts as printed on a page's lines, possibly over several words: "4 680,00 DH" is the words
// "4", "680,00", "DH". A word is the core of an amount when it has a decimal part or digit grouping
// ("680,00", "1.234,56", "916,67DH"); 1-3 digit groups just before it ("4") join it when the gap is
// narrower than a character's height, so table columns ("2   680,00") stay apart; a currency word right after it
// ("DH", "€", "EUR") becomes part of its printed text. Percentages ("20,00 %") are not amounts.
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"
#include "fields/normalize.h"
#include "fields/result.h"

namespace textra::extract {

struct PrintedAmount {
  std::size_t line = 0;              // index in page.lines
  std::size_t first = 0, last = 0;   // word range [first, last) in the line, currency word included
  double value = 0;
  std::string raw;                   // the words joined by spaces
  std::string currency;              // ISO 4217 when the amount's own text names one ("DH" -> MAD)
  doc::Box box;                      // union of the words' boxes
};

// Every amount on the line, left to right.
std::vector<PrintedAmount> amounts_on_line(const doc::Page& page, std::size_t line,
                                           const fields::AmountOptions& options = {});

// Every amount on the page, in reading order.
std::vector<PrintedAmount> amounts_on_page(const doc::Page& page, const fields::AmountOptions& options = {});

// Word id (doc::Page numbering) of the first word of each line.
std::vector<std::size_t> first_word_ids(const doc::Page& page);

// The provenance of words [first, last) of a line.
fields::Source source_of_range(const doc::Page& page, std::size_t line, std::size_t first, std::size_t last);

}  // namespace textra::extract
