// A small indenting XML writer: elements opened and closed in order, text and attribute values escaped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace textra::exports {

class XmlWriter {
 public:
  using Attributes = std::vector<std::pair<std::string, std::string>>;

  void open(std::string_view name, const Attributes& attributes = {});
  void close();
  // <name attr="...">text</name>
  void element(std::string_view name, std::string_view text, const Attributes& attributes = {});
  // Closes what is open and returns the document, with its XML declaration.
  std::string finish();

 private:
  void start_tag(std::string_view name, const Attributes& attributes);
  std::string out_;
  std::vector<std::string> open_;
};

std::string xml_escape(std::string_view text);

}  // namespace textra::exports
