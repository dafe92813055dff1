// Word lists the generator draws from: names, streets, cities, products, and every label's spellings
// in French and English. Data, not logic: content.cpp picks from them.
#pragma once

#include <string>
#include <vector>

namespace textra::synth::vocabulary {

using List = std::vector<std::string>;

// Parties
extern const List kCompanyPrefixes, kActivitiesFr, kActivitiesEn, kLegalFormsMa, kLegalFormsFr, kSyllables;
extern const List kSurnamesFr, kSurnamesMa, kTradesFr;
extern const List kStreetTypes, kStreetNamesMa, kStreetNamesFr, kCitiesMa, kCitiesFr, kQuartersMa;
// Products (description; the unit price range follows from the index: see content.cpp)
extern const List kProductsFr, kProductsEn;
// Labels
extern const List kTitleFr, kTitleEn, kNumberFr, kNumberEn, kDateFr, kDateEn, kDueFr, kDueEn;
extern const List kCustomerFr, kCustomerEn, kHtFr, kHtEn, kTvaFr, kTvaEn, kTtcFr, kTtcEn;
extern const List kDueAmountFr, kDueAmountEn, kDepositFr, kDepositEn;
extern const List kColRefFr, kColRefEn, kColDescFr, kColDescEn, kColQtyFr, kColQtyEn;
extern const List kColUnitFr, kColUnitEn, kColVatFr, kColVatEn, kColAmountFr, kColAmountEn;
extern const List kMonthsFr, kMonthsEn;

}  // namespace textra::synth::vocabulary
