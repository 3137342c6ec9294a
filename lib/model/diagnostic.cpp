#include "model/diagnostic.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "model/text.hpp"

namespace actionplan {

namespace {
// Problems of a whole file are reported at 1:1, so every line has the same shape.
Position normalised(Position pos) {
  if (pos.line < 1) return {1, 1};
  return {pos.line, std::max(pos.column, 1)};
}
}  // namespace

void Diagnostics::error(const std::string& path, Position pos, std::string code,
                        std::string message, std::string key) {
  m_items.push_back({path, normalised(pos), Severity::error, std::move(code), std::move(message),
                     std::move(key)});
}

void Diagnostics::warning(const std::string& path, Position pos, std::string code,
                          std::string message, std::string key) {
  m_items.push_back({path, normalised(pos), Severity::warning, std::move(code), std::move(message),
                     std::move(key)});
}

void Diagnostics::input_error(std::string key, std::string code, std::string message) {
  m_items.push_back({"", {}, Severity::error, std::move(code), std::move(message), std::move(key)});
}

void Diagnostics::append(const Diagnostics& other) {
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

void Diagnostics::make_errors(std::string_view code) {
  for (Diagnostic& d : m_items)
    if (d.code == code) d.severity = Severity::error;
}

void Diagnostics::sort() {
  std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.path != b.path) return natural_less(a.path, b.path);
    return std::tie(a.pos.line, a.pos.column, a.severity, a.code, a.message) <
           std::tie(b.pos.line, b.pos.column, b.severity, b.code, b.message);
  });
}

int Diagnostics::error_count() const {
  return static_cast<int>(std::count_if(m_items.begin(), m_items.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  }));
}

int Diagnostics::warning_count() const {
  return static_cast<int>(m_items.size()) - error_count();
}

std::string diagnostic_path(std::string_view path) {
  const std::string shown = escape_controls(path);
  const bool ambiguous = shown.find_first_of(":\"") != std::string::npos ||
                         (!shown.empty() && (shown.front() == ' ' || shown.back() == ' '));
  if (!ambiguous) return shown;
  std::string out = "\"";
  for (char c : shown) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string format_diagnostic(const Diagnostic& d) {
  const char* level = d.severity == Severity::error ? "error" : "warning";
  return fmt::format("{}:{}:{}: {}: {} [{}]", diagnostic_path(d.path), std::max(d.pos.line, 1),
                     std::max(d.pos.column, 1), level, escape_controls(d.message), d.code);
}

std::string message_with_code(const Diagnostic& d) {
  return d.code.empty() ? d.message : fmt::format("{} [{}]", d.message, d.code);
}

}  // namespace actionplan
