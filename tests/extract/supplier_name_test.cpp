// The supplier-name rules on crafted pages (extract/supplier_name.h, extract/company_name.h).
#include <gtest/gtest.h>

#include "extract/supplier_name.h"
#include "page_builder.h"

namespace textra::extract {
namespace {

using testing::row;

struct Named {
  fields::Json name;
  std::string reason;
};

// The supplier name the layout rules give before the CRF's labels.
Named from_layout(const doc::Document& d) {
  auto schema = fields::builtin_schema("invoice");
  fields::Extraction e = fields::new_extraction(*schema, "x.png", {"ner", "m", "1"});
  fill_supplier_name_from_layout(d, *schema, {}, e);
  const fields::FieldNode& node = *e.fields.at("supplier.name");
  return {fields::plain_values(node), node.value.reason.value_or("")};
}

TEST(SupplierName, UnderTheSupplierLabelNotTheCustomers) {
  doc::Document d = testing::one_page({
      row(300, {{100, "Émetteur"}, {900, "Adressé à"}}),
      row(340, {{100, "JUSTLAPTOP"}, {900, "Outidis SARL"}}),
      row(380, {{100, "Rue Emile Brunet"}, {900, "ICE 003052404000075"}}),
  });
  Named n = from_layout(d);
  EXPECT_EQ(n.name, "JUSTLAPTOP");
  EXPECT_NE(n.reason.find("supplier label"), std::string::npos);
}

TEST(SupplierName, FooterLegalLineEndsAtTheLegalForm) {
  // What follows the legal form is the seat, the capital or the form's description, not the name.
  EXPECT_EQ(from_layout(testing::one_page({row(2200, {{100, "Lydec SA Siège social : 48 rue Mohamed Diouri ICE 000230990000079"}})})).name,
            "Lydec SA");
  EXPECT_EQ(from_layout(testing::one_page({row(2200, {{100, "Société Marocaine de Carburants SA au capitalde 125.000.000 Dh"}})})).name,
            "Société Marocaine de Carburants SA");
  EXPECT_EQ(from_layout(testing::one_page({row(2200, {{100, "IMIZEGH SARL AU - 17 RUE ABOU ABBAS"}})})).name, "IMIZEGH SARL AU");
  EXPECT_EQ(from_layout(testing::one_page({row(2200, {{100, "DIGIBAY SA, à conseil d'Administration au Capital de 12.000.000 dh"}})})).name,
            "DIGIBAY SA");
  // A legal form and its description (even misread) name no company.
  EXPECT_TRUE(from_layout(testing::one_page({row(2200, {{100, "S.A.S au capitlde425000 Euros RC Tarascon 314"}})})).name.is_null());
  EXPECT_TRUE(from_layout(testing::one_page({row(2200, {{100, "Société à responsabité imitée(SARL) - Capital de 100 000 MAD"}})})).name.is_null());
}

TEST(SupplierName, HeadOfTheFooterIdBlock) {
  doc::Document d = testing::one_page({
      row(2100, {{400, "Auditia Maroc- Membre de l'Ordre des Experts comptables Casa-Sud"}}),
      row(2130, {{500, "113, avenue Mers Sultan N°7, Casablanca"}}),
      row(2160, {{450, "Tel : 05.22.27.41.81 - contact@auditia.ma"}}),
      row(2190, {{300, "RC: 521797 - CNSS: 2878543 - ICE : 002927522000072"}}),
  });
  Named n = from_layout(d);
  EXPECT_EQ(n.name, "Auditia Maroc");
  EXPECT_NE(n.reason.find("legal-id block"), std::string::npos);
  // A "label : value" line over the ids is no name.
  doc::Document labelled = testing::one_page({
      row(2100, {{400, "Coordonnées bancaires : Banque Populaire"}}),
      row(2130, {{300, "RC: 521797 - ICE : 002927522000072"}}),
  });
  EXPECT_TRUE(from_layout(labelled).name.is_null());
}

TEST(SupplierName, WordsThatSpellTheDomain) {
  doc::Document d = testing::one_page({
      row(100, {{100, "GEO"}}),
      row(1800, {{100, "Coordonnées bancaires : GEOXAL"}}),
      row(2100, {{600, "contact@ geoxal.ma"}}),
  });
  Named n = from_layout(d);
  EXPECT_EQ(n.name, "GEOXAL");
  EXPECT_NE(n.reason.find("domain"), std::string::npos);
  // Accents and spaces apart: "fenêtre sur cour" spells fenetresurcour.ma.
  EXPECT_EQ(from_layout(testing::one_page({row(100, {{100, "fenêtre sur cour"}}), row(2100, {{100, "E-mail: contact@fenetresurcour.ma"}})})).name,
            "fenêtre sur cour");
  // A mail provider, or a domain no words spell, names nothing; nor does the customer's block.
  EXPECT_TRUE(from_layout(testing::one_page({row(100, {{100, "Gmail"}}), row(2100, {{100, "nettopap@gmail.com"}})})).name.is_null());
  doc::Document customer = testing::one_page({
      row(300, {{900, "Client :"}}), row(340, {{900, "ORBIS"}}), row(380, {{900, "achats@orbis.ma"}}),
  });
  EXPECT_TRUE(from_layout(customer).name.is_null());
}

TEST(SupplierName, TheCrfsNameKeepsItsFirstRow) {
  doc::Document d = testing::one_page({
      row(200, {{300, "HANOVER ELECTROMENGER"}}),  // words 0, 1
      row(400, {{700, "OUTIDIS"}}),                // word 2: the customer, rows below
      row(600, {{100, "ELECTRO AINANE"}}),         // words 3, 4
      row(630, {{500, "SARL AU"}}),                // words 5, 6: the legal form printed under the name
  });
  std::vector<ner::Candidate> candidates = {
      {"supplier.name", "HANOVER ELECTROMENGER\nOUTIDIS", 0.8, {1, {}, {0, 1, 2}}, fields::Role::kSupplierName},
      {"supplier.name", "ELECTRO AINANE\nSARL AU", 0.7, {1, {}, {3, 4, 5, 6}}, fields::Role::kSupplierName},
  };
  keep_supplier_name_on_one_row(d, candidates);
  EXPECT_EQ(candidates[0].raw, "HANOVER ELECTROMENGER");
  EXPECT_EQ(candidates[0].source.words, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(candidates[1].raw, "ELECTRO AINANE SARL AU");
}

}  // namespace
}  // namespace textra::extract
