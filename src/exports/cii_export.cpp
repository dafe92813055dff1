// EN 16931 invoices in UN/CEFACT Cross Industry Invoice D16B XML (the CII syntax of the European norm):
// seller, buyer, number, dates, currency, VAT breakdown per rate, totals and lines, elements in the order
// of the official XSD (tests validate against it with xmllint when the EN 16931 artefacts are at hand).
#include <cctype>
#include <cmath>

#include "exports/invoice_view.h"
#include "exports/money.h"
#include "exports/writers.h"
#include "exports/xml_writer.h"

namespace textra::exports {
namespace {

constexpr const char* kRsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
constexpr const char* kRam = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
constexpr const char* kUdt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
constexpr const char* kQdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
constexpr const char* kEn16931 = "urn:cen.eu:en16931:2017";
constexpr const char* kCommercialInvoice = "380";  // UNTDID 1001
constexpr const char* kUnitOne = "C62";            // UN/ECE rec 20: one (no unit printed)

// Moroccan legal ids (ICE, RC, IF, TP, CNSS) and French ones (SIRET, SIREN) tell the country; an EU VAT id
// starts with it; the currency is the last resort.
std::string seller_country(const InvoiceView& invoice) {
  const std::string& vat = invoice.supplier_vat_id;
  if (vat.size() > 2 && std::isalpha(static_cast<unsigned char>(vat[0])) && std::isalpha(static_cast<unsigned char>(vat[1]))) {
    return {static_cast<char>(std::toupper(vat[0])), static_cast<char>(std::toupper(vat[1]))};
  }
  for (const auto& [scheme, unused] : invoice.supplier_other_ids) {
    if (scheme == "ICE" || scheme == "RC" || scheme == "IF" || scheme == "TP" || scheme == "CNSS") return "MA";
    if (scheme == "SIRET" || scheme == "SIREN") return "FR";
  }
  return invoice.currency == "MAD" ? "MA" : "FR";
}

bool is_eu_vat_id(const std::string& id) {
  return id.size() > 4 && std::isalpha(static_cast<unsigned char>(id[0])) && std::isalpha(static_cast<unsigned char>(id[1]));
}

std::string date_102(const std::string& iso) {
  std::string digits;
  for (char c : iso) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  return digits;
}

std::string amount(double value) { return format_cents(to_cents(value)); }

double group_rate(const TaxGroup& group) {
  if (group.rate) return *group.rate;
  if (group.base_cents == 0) return 0;
  return std::round(static_cast<double>(group.tax_cents) * 10000.0 / static_cast<double>(group.base_cents)) / 100.0;
}

struct CiiLine {
  std::string name;
  double quantity = 1, unit_price = 0, amount = 0, rate = 0;
};

// The invoice's lines when they add up to the net total and each has a rate (or there is one rate), else
// one line per VAT rate: EN 16931 wants at least one line and line totals that sum to the net total.
std::vector<CiiLine> cii_lines(const InvoiceView& invoice, const std::vector<TaxGroup>& groups) {
  std::int64_t net = 0;
  for (const TaxGroup& g : groups) net += g.base_cents;
  std::int64_t line_sum = 0;
  bool usable = !invoice.lines.empty();
  for (const LineItemView& line : invoice.lines) {
    usable = usable && line.amount && (line.vat_rate || groups.size() == 1);
    if (line.amount) line_sum += to_cents(*line.amount);
  }
  std::vector<CiiLine> out;
  if (usable && line_sum == net) {
    for (std::size_t i = 0; i < invoice.lines.size(); ++i) {
      const LineItemView& line = invoice.lines[i];
      double quantity = line.quantity && *line.quantity != 0 ? *line.quantity : 1;
      double unit_price = line.unit_price ? *line.unit_price : *line.amount / quantity;
      std::string name = line.description.empty() ? "Line " + std::to_string(i + 1) : line.description;
      out.push_back({name, quantity, unit_price, *line.amount, line.vat_rate ? *line.vat_rate : group_rate(groups[0])});
    }
    return out;
  }
  for (const TaxGroup& g : groups) {
    double base = static_cast<double>(g.base_cents) / 100.0;
    out.push_back({"Total HT " + rate_text(group_rate(g)) + " %", 1, base, base, group_rate(g)});
  }
  return out;
}

void trade_tax(XmlWriter& xml, double rate) {
  xml.element("ram:TypeCode", "VAT");
  xml.element("ram:CategoryCode", rate == 0 ? "Z" : "S");
  xml.element("ram:RateApplicablePercent", rate_text(rate));
}

void party(XmlWriter& xml, const char* element, const std::string& name, const std::string& address,
           const std::string& country, const InvoiceView* seller) {
  xml.open(element);
  xml.element("ram:Name", name);
  if (seller != nullptr && !seller->supplier_other_ids.empty()) {
    xml.open("ram:SpecifiedLegalOrganization");
    xml.element("ram:ID", seller->supplier_other_ids.front().second);
    xml.close();
  }
  xml.open("ram:PostalTradeAddress");
  if (!address.empty()) {
    std::string first_line = address.substr(0, address.find('\n'));
    xml.element("ram:LineOne", first_line);
  }
  xml.element("ram:CountryID", country);
  xml.close();
  if (seller != nullptr && !seller->supplier_vat_id.empty()) {
    xml.open("ram:SpecifiedTaxRegistration");
    xml.element("ram:ID", seller->supplier_vat_id, {{"schemeID", is_eu_vat_id(seller->supplier_vat_id) ? "VA" : "FC"}});
    xml.close();
  }
  xml.close();
}

}  // namespace

ExportFile write_cii(const ExportDocument& document) {
  InvoiceView invoice = invoice_view(document.extraction);
  std::vector<TaxGroup> groups = tax_breakdown(invoice);
  std::string country = seller_country(invoice);
  std::string currency = invoice.currency.empty() ? "EUR" : invoice.currency;
  std::int64_t net = 0, tax = 0;
  for (const TaxGroup& g : groups) {
    net += g.base_cents;
    tax += g.tax_cents;
  }
  double gross = invoice.total_ttc ? *invoice.total_ttc : static_cast<double>(net + tax) / 100.0;
  std::string number = invoice.number.empty() ? std::to_string(document.id) : invoice.number;

  XmlWriter xml;
  xml.open("rsm:CrossIndustryInvoice", {{"xmlns:rsm", kRsm}, {"xmlns:ram", kRam}, {"xmlns:udt", kUdt}, {"xmlns:qdt", kQdt}});
  xml.open("rsm:ExchangedDocumentContext");
  xml.open("ram:GuidelineSpecifiedDocumentContextParameter");
  xml.element("ram:ID", kEn16931);
  xml.close();
  xml.close();

  xml.open("rsm:ExchangedDocument");
  xml.element("ram:ID", number);
  xml.element("ram:TypeCode", kCommercialInvoice);
  xml.open("ram:IssueDateTime");
  xml.element("udt:DateTimeString", date_102(invoice.issue_date), {{"format", "102"}});
  xml.close();
  xml.close();

  xml.open("rsm:SupplyChainTradeTransaction");
  std::vector<CiiLine> lines = cii_lines(invoice, groups);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const CiiLine& line = lines[i];
    xml.open("ram:IncludedSupplyChainTradeLineItem");
    xml.open("ram:AssociatedDocumentLineDocument");
    xml.element("ram:LineID", std::to_string(i + 1));
    xml.close();
    xml.open("ram:SpecifiedTradeProduct");
    xml.element("ram:Name", line.name);
    xml.close();
    xml.open("ram:SpecifiedLineTradeAgreement");
    xml.open("ram:NetPriceProductTradePrice");
    xml.element("ram:ChargeAmount", amount(line.unit_price));
    xml.close();
    xml.close();
    xml.open("ram:SpecifiedLineTradeDelivery");
    xml.element("ram:BilledQuantity", rate_text(line.quantity), {{"unitCode", kUnitOne}});
    xml.close();
    xml.open("ram:SpecifiedLineTradeSettlement");
    xml.open("ram:ApplicableTradeTax");
    trade_tax(xml, line.rate);
    xml.close();
    xml.open("ram:SpecifiedTradeSettlementLineMonetarySummation");
    xml.element("ram:LineTotalAmount", amount(line.amount));
    xml.close();
    xml.close();
    xml.close();
  }

  xml.open("ram:ApplicableHeaderTradeAgreement");
  party(xml, "ram:SellerTradeParty", invoice.supplier_name, invoice.supplier_address, country, &invoice);
  party(xml, "ram:BuyerTradeParty", invoice.customer_name, invoice.customer_address, country, nullptr);
  xml.close();
  xml.open("ram:ApplicableHeaderTradeDelivery");
  xml.close();

  xml.open("ram:ApplicableHeaderTradeSettlement");
  xml.element("ram:InvoiceCurrencyCode", currency);
  for (const TaxGroup& g : groups) {
    xml.open("ram:ApplicableTradeTax");
    xml.element("ram:CalculatedAmount", format_cents(g.tax_cents));
    xml.element("ram:TypeCode", "VAT");
    xml.element("ram:BasisAmount", format_cents(g.base_cents));
    xml.element("ram:CategoryCode", group_rate(g) == 0 ? "Z" : "S");
    xml.element("ram:RateApplicablePercent", rate_text(group_rate(g)));
    xml.close();
  }
  if (!invoice.due_date.empty()) {
    xml.open("ram:SpecifiedTradePaymentTerms");
    xml.open("ram:DueDateDateTime");
    xml.element("udt:DateTimeString", date_102(invoice.due_date), {{"format", "102"}});
    xml.close();
    xml.close();
  }
  xml.open("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
  xml.element("ram:LineTotalAmount", format_cents(net));
  xml.element("ram:TaxBasisTotalAmount", format_cents(net));
  xml.element("ram:TaxTotalAmount", format_cents(tax), {{"currencyID", currency}});
  xml.element("ram:GrandTotalAmount", amount(gross));
  xml.element("ram:DuePayableAmount", amount(invoice.amount_due ? *invoice.amount_due : gross));
  xml.close();
  return {"invoice-" + std::to_string(document.id) + ".xml", "application/xml", xml.finish()};
}

}  // namespace textra::exports
