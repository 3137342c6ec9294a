#include "render/diagnostics.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/text.hpp"

namespace actionplan {
namespace {

// Workflow command escaping: data escapes %, CR, LF; properties also ':' and ','.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : escape_controls(s)) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

const char* severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

}  // namespace

std::string summary_line(const Diagnostics& diags, int files) {
  return fmt::format("{}, {} in {}", plural(diags.error_count(), "error", "errors"),
                     plural(diags.warning_count(), "warning", "warnings"), plural(files, "file", "files"));
}

std::string render_diagnostics(const Diagnostics& diags, DiagnosticFormat format, int files,
                               const Date& as_of) {
  std::string out;
  switch (format) {
    case DiagnosticFormat::text:
      for (const Diagnostic& d : diags.items()) out += format_diagnostic(d) + "\n";
      break;
    case DiagnosticFormat::github:
      for (const Diagnostic& d : diags.items()) {
        out += fmt::format("::{} file={},line={},col={}::{}\n", severity_name(d.severity),
                           escape_property(d.path), d.pos.line, d.pos.column,
                           escape_data(fmt::format("{} [{}]", d.message, d.code)));
      }
      break;
    case DiagnosticFormat::json: {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const Diagnostic& d : diags.items()) {
        nlohmann::ordered_json item;
        item["path"] = d.path;
        item["line"] = d.pos.line;
        item["column"] = d.pos.column;
        item["severity"] = severity_name(d.severity);
        item["code"] = d.code;
        item["message"] = d.message;
        list.push_back(std::move(item));
      }
      nlohmann::ordered_json doc;
      doc["as_of"] = as_of.to_string();
      doc["diagnostics"] = std::move(list);
      doc["summary"] = {{"errors", diags.error_count()},
                        {"warnings", diags.warning_count()},
                        {"files", files}};
      out = doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
      break;
    }
  }
  return out;
}

}  // namespace actionplan
