#include "extract/parties.h"

#include "extract/company_name.h"
#include "extract/party_cells.h"
#include "extract/role_fields.h"
#include "extract/supplier_name.h"
#include "fields/normalize.h"

namespace textra::extract {

void fill_parties(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
                  fields::Extraction& extraction) {
  if (document.pages.empty()) return;
  const doc::Page& page = document.pages.front();
  PageCells pc = page_cells(page);
  std::optional<Block> customer = customer_block(pc);
  if (customer) {
    std::vector<std::pair<const Cell*, std::size_t>> name{{customer->lines[0], customer->skip_words[0]}}, address;
    for (std::size_t i = 1; i < customer->lines.size(); ++i) address.emplace_back(customer->lines[i], customer->skip_words[i]);
    set_text(role_field(schema, extraction, fields::Role::kCustomerName), page, name, options,
             "first line of the block after the customer label");
    set_text(role_field(schema, extraction, fields::Role::kCustomerAddress), page, address, options,
             "lines under the customer's name");
  }
  fill_supplier_name_from_letterhead(document, schema, options, extraction);
  Region top{0, page.height * 3 / 10}, footer{page.height * 3 / 4, page.height + 1};
  // Without a customer label: the other company with a legal form at the top (its box has no label).
  const fields::FieldNode* supplier = role_node(extraction, fields::Role::kSupplierName);
  std::string supplier_key = supplier != nullptr && supplier->value.value.is_string()
                                 ? fields::text_key(supplier->value.value.get<std::string>()) : "";
  if (!customer) {
    auto other = first_cell(pc, top, customer, [&](const Cell& c) {
      Cell n = name_part(c);
      std::string key = fields::text_key(text_of(n));
      bool supplier_name = !supplier_key.empty() && (supplier_key.find(key) != std::string::npos ||
                                                     key.find(supplier_key) != std::string::npos);
      return names_legal_form(tokens_of(n)) && name_like(n) && !key.empty() && !supplier_name;
    });
    if (other) {
      Block block{{other->second}, {0}};
      extend_down(pc, other->first, *other->second, block);
      std::vector<std::pair<const Cell*, std::size_t>> address;
      for (std::size_t i = 1; i < block.lines.size(); ++i) address.emplace_back(block.lines[i], 0);
      Cell part = name_part(*other->second);
      set_text(role_field(schema, extraction, fields::Role::kCustomerName), page, {{&part, 0}}, options,
               "the other company with a legal form at the top (no customer label)");
      set_text(role_field(schema, extraction, fields::Role::kCustomerAddress), page, address, options,
               "lines under the customer's name");
      customer = block;
    }
  }
  auto address = first_cell(pc, top, customer, addressy);
  if (!address) address = first_cell(pc, footer, customer, addressy);
  if (address) {
    std::vector<std::pair<const Cell*, std::size_t>> lines{{address->second, 0}};
    doc::Box column = box_of(*address->second);
    std::size_t next = address->first + 1;
    if (next < pc.rows.size() && pc.rows[next].box.y0 - pc.rows[address->first].box.y1 <= 2 * pc.rows[next].box.height()) {
      for (const Cell& c : pc.cells[next]) {
        if (x_overlap(box_of(c), column) && !stops(c) && !in_block(customer, &c)) lines.emplace_back(&c, 0);
      }
    }
    set_text(role_field(schema, extraction, fields::Role::kSupplierAddress), page, lines, options,
             "address words outside the customer block");
  }
}

}  // namespace textra::extract
