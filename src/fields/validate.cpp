#include "fields/validate.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>

namespace textra::fields {
namespace {

std::string money(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::optional<double> number_at(const FieldNode& node, std::string_view path) {
  const FieldNode* n = node.at(path);
  if (n == nullptr || n->kind != FieldNode::Kind::kValue || !n->value.value.is_number()) return std::nullopt;
  return n->value.value.get<double>();
}

std::optional<Date> date_at(const FieldNode& node, std::string_view path) {
  const FieldNode* n = node.at(path);
  if (n == nullptr || n->kind != FieldNode::Kind::kValue || !n->value.value.is_string()) return std::nullopt;
  return parse_date(n->value.value.get<std::string>());
}

Date system_today() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool before(const Date& a, const Date& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

class Validator {
 public:
  Validator(const FieldNode& fields, RoleMap roles, const ValidationOptions& options)
      : fields_(fields), roles_(std::move(roles)), options_(options) {
    if (options_.today.year == 0) options_.today = system_today();
  }

  std::vector<Warning> take() { return std::move(warnings_); }

  void check_types(const FieldSpec& spec, const FieldNode& node, const std::string& path) {
    if (spec.type == FieldType::kArray) {
      for (std::size_t i = 0; i < node.elements.size(); ++i) {
        check_types(*spec.items, node.elements[i], path + "." + std::to_string(i));
      }
      return;
    }
    if (spec.type == FieldType::kObject) {
      for (const FieldSpec& member : spec.properties) {
        if (const FieldNode* child = node.member(member.name)) check_types(member, *child, join(path, member.name));
      }
      if (spec.open_values) {
        for (std::size_t i = 0; i < node.keys.size(); ++i) {
          if (spec.property(node.keys[i]) == nullptr) check_types(*spec.open_values, node.members[i], join(path, node.keys[i]));
        }
      }
      return;
    }
    if (node.kind != FieldNode::Kind::kValue) return add("invalid_value", path + ": expected a single value");
    check_leaf(spec, node.value.value, path);
  }

  void check_roles() {
    check_totals();
    check_line_items();
    check_due_date();
  }

 private:
  // The checks below need fields in given roles (fields/roles.h); a check whose fields the schema lacks is
  // skipped. Messages name the fields as the schema does.
  void check_totals() {
    auto net = number_in(Role::kTotalNet), tax = number_in(Role::kTotalTax), gross = number_in(Role::kTotalGross);
    if (net && tax && gross && std::fabs(*net + *tax - *gross) > options_.tolerance) {
      add("totals_mismatch", name_of(Role::kTotalNet) + " " + money(*net) + " + " + name_of(Role::kTotalTax) + " " +
                                 money(*tax) + " = " + money(*net + *tax) + ", but " + name_of(Role::kTotalGross) +
                                 " is " + money(*gross));
    }
    auto due = number_in(Role::kAmountDue);
    if (due && gross && *due > *gross + options_.tolerance) {
      add("amount_due_exceeds_total", name_of(Role::kAmountDue) + " " + money(*due) + " is more than " +
                                          name_of(Role::kTotalGross) + " " + money(*gross));
    }
  }

  void check_line_items() {
    const std::string* items_path = roles_.path(Role::kLineItems);
    const FieldNode* items = items_path ? fields_.at(*items_path) : nullptr;
    if (items == nullptr || items->kind != FieldNode::Kind::kArray) return;
    double sum = 0;
    int amounts = 0;
    for (std::size_t i = 0; i < items->elements.size(); ++i) {
      const FieldNode& row = items->elements[i];
      auto qty = item_number(row, Role::kItemQuantity), price = item_number(row, Role::kItemUnitPrice),
           amount = item_number(row, Role::kItemAmount);
      if (amount) {
        sum += *amount;
        ++amounts;
      }
      // A unit price rounded to the cent may be off by half a cent per unit.
      if (qty && price && amount && std::fabs(*qty * *price - *amount) > options_.tolerance + 0.005 * std::fabs(*qty)) {
        add("line_item_mismatch", *items_path + "." + std::to_string(i) + ": " + name_of(Role::kItemQuantity) + " " +
                                      money(*qty) + " x " + name_of(Role::kItemUnitPrice) + " " + money(*price) + " = " +
                                      money(*qty * *price) + ", but " + name_of(Role::kItemAmount) + " is " + money(*amount));
      }
    }
    if (amounts == 0) return;
    auto net = number_in(Role::kTotalNet), gross = number_in(Role::kTotalGross);
    if (!net && !gross) return;
    // Rows print net amounts on most invoices and gross on some: either total may be the sum.
    double tolerance = options_.tolerance * amounts;
    bool matches = (net && std::fabs(sum - *net) <= tolerance) || (gross && std::fabs(sum - *gross) <= tolerance);
    if (!matches) {
      add("line_items_sum_mismatch", "the line item amounts sum to " + money(sum) + ", which is neither " +
                                         name_of(Role::kTotalNet) + " (" + (net ? money(*net) : "null") + ") nor " +
                                         name_of(Role::kTotalGross) + " (" + (gross ? money(*gross) : "null") + ")");
    }
  }

  void check_due_date() {
    auto issued = date_in(Role::kIssueDate), due = date_in(Role::kDueDate);
    if (issued && due && before(*due, *issued)) {
      add("due_before_issue", name_of(Role::kDueDate) + " " + due->iso() + " is before " + name_of(Role::kIssueDate) +
                                  " " + issued->iso());
    }
  }

  std::string name_of(Role role) const { return roles_.name(role); }
  std::optional<double> number_in(Role role) const {
    const std::string* path = roles_.path(role);
    return path ? number_at(fields_, *path) : std::nullopt;
  }
  std::optional<double> item_number(const FieldNode& row, Role role) const {
    const std::string* path = roles_.path(role);
    return path ? number_at(row, *path) : std::nullopt;
  }
  std::optional<Date> date_in(Role role) const {
    const std::string* path = roles_.path(role);
    return path ? date_at(fields_, *path) : std::nullopt;
  }

  static std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

  void add(std::string code, std::string message) { warnings_.push_back({std::move(code), std::move(message)}); }

  void check_leaf(const FieldSpec& spec, const Json& v, const std::string& path) {
    if (v.is_null()) {
      if (!spec.nullable) add("missing_value", path + " is required but was not found");
      return;
    }
    bool ok = true;
    switch (spec.type) {
      case FieldType::kNumber: ok = v.is_number(); break;
      case FieldType::kInteger: ok = v.is_number_integer(); break;
      case FieldType::kBoolean: ok = v.is_boolean(); break;
      case FieldType::kDate: ok = v.is_string() && parse_date(v.get<std::string>()).has_value() &&
                                  parse_date(v.get<std::string>())->iso() == v.get<std::string>(); break;
      case FieldType::kEnum:
        ok = v.is_string() && std::find(spec.enum_values.begin(), spec.enum_values.end(), v.get<std::string>()) !=
                                  spec.enum_values.end();
        break;
      default: ok = v.is_string(); break;
    }
    if (!ok) return add("invalid_value", path + ": " + v.dump() + " is not a valid " + field_type_name(spec.type));
    if (spec.type == FieldType::kDate) check_date_plausible(*parse_date(v.get<std::string>()), path);
    if (spec.kind == ValueKind::kId) check_id(v.get<std::string>(), path);
  }

  void check_date_plausible(const Date& d, const std::string& path) {
    Date latest{options_.today.year + 1, options_.today.month, std::min(options_.today.day, 28)};
    if (d.year < options_.earliest_year || before(latest, d)) {
      add("date_implausible", path + " " + d.iso() + " is before " + std::to_string(options_.earliest_year) +
                                  " or more than a year after today");
    }
  }

  // Ids whose shape is fixed by law: ICE (Morocco) 15 digits, SIRET 14, SIREN 9.
  void check_id(const std::string& id, const std::string& path) {
    struct Shape {
      const char* key;
      std::size_t digits;
    };
    for (Shape shape : {Shape{"ICE", 15}, Shape{"SIRET", 14}, Shape{"SIREN", 9}}) {
      std::string suffix = std::string(".") + shape.key;
      if (!path.ends_with(suffix)) continue;
      bool digits_only = id.find_first_not_of("0123456789") == std::string::npos;
      if (!digits_only || id.size() != shape.digits) {
        add("invalid_id", path + " \"" + id + "\" should be " + std::to_string(shape.digits) + " digits");
      }
    }
  }

  const FieldNode& fields_;
  RoleMap roles_;
  ValidationOptions options_;
  std::vector<Warning> warnings_;
};

}  // namespace

std::vector<Warning> validate(const Schema& schema, const FieldNode& fields, const ValidationOptions& options) {
  Validator validator(fields, roles_of(schema), options);
  validator.check_types(schema.root, fields, "");
  validator.check_roles();
  return validator.take();
}

std::vector<Warning> validate_roles(const RoleMap& roles, const FieldNode& fields, const ValidationOptions& options) {
  Validator validator(fields, roles, options);
  validator.check_roles();
  return validator.take();
}

bool is_role_check(std::string_view code) {
  for (const char* c : {"totals_mismatch", "amount_due_exceeds_total", "line_item_mismatch", "line_items_sum_mismatch",
                        "due_before_issue"}) {
    if (code == c) return true;
  }
  return false;
}

}  // namespace textra::fields
