#include "exports/xml_writer.h"

#include "base/utf8.h"

namespace textra::exports {

std::string xml_escape(std::string_view raw_text) {
  std::string text = utf8::sanitize(raw_text);  // the document must be valid UTF-8, whatever OCR gave
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters other than tab and line breaks are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

void XmlWriter::start_tag(std::string_view name, const Attributes& attributes) {
  out_ += std::string(open_.size() * 2, ' ') + "<" + std::string(name);
  for (const auto& [key, value] : attributes) out_ += " " + key + "=\"" + xml_escape(value) + "\"";
  out_ += ">";
}

void XmlWriter::open(std::string_view name, const Attributes& attributes) {
  start_tag(name, attributes);
  out_ += "\n";
  open_.emplace_back(name);
}

void XmlWriter::close() {
  std::string name = std::move(open_.back());
  open_.pop_back();
  out_ += std::string(open_.size() * 2, ' ') + "</" + name + ">\n";
}

void XmlWriter::element(std::string_view name, std::string_view text, const Attributes& attributes) {
  start_tag(name, attributes);
  out_ += xml_escape(text) + "</" + std::string(name) + ">\n";
}

std::string XmlWriter::finish() {
  while (!open_.empty()) close();
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + std::move(out_);
}

}  // namespace textra::exports
