// Cheap classifiers of a single word's text, used as CRF attributes: does it look like a date, an
// amount, a time, an identifier? Hand-written scanners (no std::regex): they run for every word of
// every page, and the whole feature extraction must stay within a few milliseconds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace textra::ner {

// "25/12/2018", "2018-12-25", "01-Jan-2023", "19/AVRIL/2023", "25.12.18" (separators / - .).
bool looks_like_date(std::string_view word);
// A month name or abbreviation in French or English ("jan", "janvier", "févr", "dec").
bool is_month_name(std::string_view word);
// "12:30", "20:49:59".
bool looks_like_time(std::string_view word);
// The value of an amount with a decimal part or digit grouping: "9.00", "1,007.50", "4.680,00", "RM3.90",
// "$8.20", "916,67DH". Plain integers are not amounts here. Returns nullopt when the word is not one.
std::optional<double> amount_value(std::string_view word);

// Word shape: letters to X/x, digits to 0, other characters kept; runs longer than 2 shortened to 2
// ("FV230009" -> "XX00"), and the full shape capped at 12 characters.
std::string short_shape(std::string_view word);
// Number of ASCII digits in the word.
int digit_count(std::string_view word);

}  // namespace textra::ner
