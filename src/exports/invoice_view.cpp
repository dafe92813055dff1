#include "exports/invoice_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "exports/money.h"

namespace textra::exports {
namespace {

// Rates of France (20, 10, 5.5, 2.1) and Morocco (20, 14, 10, 7).
constexpr double kUsualRates[] = {20.0, 14.0, 10.0, 7.0, 5.5, 2.1};

const fields::FieldValue* leaf(const fields::FieldNode& fields, std::string_view path) {
  const fields::FieldNode* node = fields.at(path);
  return node != nullptr && node->kind == fields::FieldNode::Kind::kValue ? &node->value : nullptr;
}

std::string text_at(const fields::FieldNode& fields, std::string_view path) {
  const fields::FieldValue* v = leaf(fields, path);
  if (v == nullptr || v->value.is_null()) return "";
  return v->value.is_string() ? v->value.get<std::string>() : v->value.dump();
}

std::optional<double> number_at(const fields::FieldNode& fields, std::string_view path) {
  const fields::FieldValue* v = leaf(fields, path);
  if (v == nullptr || !v->value.is_number()) return std::nullopt;
  return v->value.get<double>();
}

std::optional<double> usual_rate(std::int64_t base_cents, std::int64_t tax_cents) {
  if (base_cents <= 0) return std::nullopt;
  for (double rate : kUsualRates) {
    // The printed tax is the rounded rate x base: allow one cent per started 1,000 of base for rounding.
    std::int64_t expected = to_cents(rate / 100.0 * static_cast<double>(base_cents) / 100.0);
    if (std::llabs(expected - tax_cents) <= 1 + base_cents / 100000) return rate;
  }
  return std::nullopt;
}

std::vector<TaxGroup> groups_from_lines(const InvoiceView& invoice, std::int64_t ht, std::int64_t tva) {
  std::vector<TaxGroup> groups;
  for (const LineItemView& line : invoice.lines) {
    if (!line.amount || !line.vat_rate) return {};
    auto it = std::find_if(groups.begin(), groups.end(), [&](const TaxGroup& g) { return *g.rate == *line.vat_rate; });
    if (it == groups.end()) it = groups.insert(groups.end(), TaxGroup{line.vat_rate, 0, 0});
    it->base_cents += to_cents(*line.amount);
  }
  std::int64_t base_sum = 0, tax_sum = 0;
  for (TaxGroup& g : groups) {
    g.tax_cents = to_cents(*g.rate / 100.0 * static_cast<double>(g.base_cents) / 100.0);
    base_sum += g.base_cents;
    tax_sum += g.tax_cents;
  }
  auto tolerance = static_cast<std::int64_t>(invoice.lines.size());
  if (groups.empty() || std::llabs(base_sum - ht) > tolerance || std::llabs(tax_sum - tva) > tolerance) return {};
  auto largest = std::max_element(groups.begin(), groups.end(),
                                  [](const TaxGroup& a, const TaxGroup& b) { return a.base_cents < b.base_cents; });
  largest->base_cents += ht - base_sum;
  largest->tax_cents += tva - tax_sum;
  return groups;
}

}  // namespace

InvoiceView invoice_view(const fields::Extraction& extraction) {
  const fields::FieldNode& fields = extraction.fields;
  const fields::RoleMap& roles = extraction.roles;
  // A role the schema does not give reads as absent.
  auto path = [&](fields::Role role) -> std::string_view {
    const std::string* p = roles.path(role);
    return p ? std::string_view(*p) : std::string_view();
  };
  auto text = [&](const fields::FieldNode& node, fields::Role role) { return path(role).empty() ? "" : text_at(node, path(role)); };
  auto number = [&](const fields::FieldNode& node, fields::Role role) {
    return path(role).empty() ? std::nullopt : number_at(node, path(role));
  };
  auto group = [&](fields::Role role) -> const fields::FieldNode* {
    return path(role).empty() ? nullptr : fields.at(path(role));
  };
  using fields::Role;
  InvoiceView v;
  v.number = text(fields, Role::kDocumentNumber);
  v.issue_date = text(fields, Role::kIssueDate);
  v.due_date = text(fields, Role::kDueDate);
  v.currency = text(fields, Role::kCurrency);
  v.supplier_name = text(fields, Role::kSupplierName);
  v.supplier_address = text(fields, Role::kSupplierAddress);
  v.supplier_vat_id = text(fields, Role::kSupplierVatId);
  if (const fields::FieldNode* ids = group(Role::kSupplierIds)) {
    for (std::size_t i = 0; i < ids->keys.size(); ++i) {
      std::string id = text_at(*ids, ids->keys[i]);
      if (!id.empty()) v.supplier_other_ids.emplace_back(ids->keys[i], id);
    }
  }
  v.customer_name = text(fields, Role::kCustomerName);
  v.customer_address = text(fields, Role::kCustomerAddress);
  v.total_ht = number(fields, Role::kTotalNet);
  v.total_tva = number(fields, Role::kTotalTax);
  v.total_ttc = number(fields, Role::kTotalGross);
  v.amount_due = number(fields, Role::kAmountDue);
  if (const fields::FieldNode* items = group(Role::kLineItems)) {
    for (const fields::FieldNode& item : items->elements) {
      v.lines.push_back({text(item, Role::kItemDescription), number(item, Role::kItemQuantity),
                         number(item, Role::kItemUnitPrice), number(item, Role::kItemAmount), number(item, Role::kItemVatRate)});
    }
  }
  return v;
}

std::vector<TaxGroup> tax_breakdown(const InvoiceView& invoice) {
  int known = (invoice.total_ht ? 1 : 0) + (invoice.total_tva ? 1 : 0) + (invoice.total_ttc ? 1 : 0);
  if (known < 2) return {};
  std::int64_t ht = invoice.total_ht ? to_cents(*invoice.total_ht) : to_cents(*invoice.total_ttc) - to_cents(*invoice.total_tva);
  std::int64_t tva = invoice.total_tva ? to_cents(*invoice.total_tva) : to_cents(*invoice.total_ttc) - ht;
  std::vector<TaxGroup> groups = groups_from_lines(invoice, ht, tva);
  if (!groups.empty()) return groups;
  return {TaxGroup{usual_rate(ht, tva), ht, tva}};
}

std::string rate_text(double rate) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", rate);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace textra::exports
