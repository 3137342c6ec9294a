#include "render/diagnostics.hpp"

#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/text.hpp"

namespace actionplan {
namespace {

// Workflow command escaping: data escapes %, CR, LF; properties also ':' and ','.
// Other control characters are shown escaped (\x1B) so that no text can drive
// a terminal or start another command.
std::string escape_data(std::string_view s) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '%' && s[i] != '\r' && s[i] != '\n') continue;
    out += escape_controls(s.substr(start, i - start));
    if (i < s.size()) out += s[i] == '%' ? "%25" : s[i] == '\r' ? "%0D" : "%0A";
    start = i + 1;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

const char* severity_name(Severity s) {
  return s == Severity::error ? "error" : "warning";
}

}  // namespace

std::string summary_line(const Diagnostics& diags, int files) {
  return fmt::format("{}, {} in {}", plural(diags.error_count(), "error", "errors"),
                     plural(diags.warning_count(), "warning", "warnings"),
                     plural(files, "file", "files"));
}

std::string render_diagnostics(const Diagnostics& diags, DiagnosticFormat format, int files,
                               const Date& as_of, std::string_view github_prefix) {
  std::string out;
  switch (format) {
    case DiagnosticFormat::text:
      for (const Diagnostic& d : diags.items()) out += format_diagnostic(d) + "\n";
      break;
    case DiagnosticFormat::github:
      for (const Diagnostic& d : diags.items()) {
        out += fmt::format("::{} file={},line={},col={}::{}\n", severity_name(d.severity),
                           escape_property(std::string(github_prefix) + d.path), d.pos.line,
                           d.pos.column, escape_data(fmt::format("{} [{}]", d.message, d.code)));
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
      doc["summary"] = {
          {"errors", diags.error_count()}, {"warnings", diags.warning_count()}, {"files", files}};
      out = doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
      break;
    }
  }
  return out;
}

std::string annotation_prefix(const std::filesystem::path& plan_root,
                              const std::filesystem::path& workspace) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(plan_root, ec);
  if (ec) return "";
  auto below = [&](const fs::path& base) -> std::optional<std::string> {
    const fs::path relative = root.lexically_relative(base);
    if (relative.empty() || *relative.begin() == "..") return std::nullopt;
    return relative == "." ? "" : relative.generic_string() + "/";
  };
  if (!workspace.empty()) {
    const fs::path base = fs::weakly_canonical(workspace, ec);
    if (!ec)
      if (auto prefix = below(base)) return *prefix;
  }
  for (fs::path dir = root;; dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return below(dir).value_or("");
    if (!dir.has_relative_path()) return "";
  }
}

}  // namespace actionplan
