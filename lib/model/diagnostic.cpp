#include "model/diagnostic.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "model/text.hpp"

namespace actionplan {

void Diagnostics::error(const std::string& path, Position pos, std::string code,
                        std::string message) {
  m_items.push_back({path, pos, Severity::error, std::move(code), std::move(message)});
}

void Diagnostics::warning(const std::string& path, Position pos, std::string code,
                          std::string message) {
  m_items.push_back({path, pos, Severity::warning, std::move(code), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
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

std::string format_diagnostic(const Diagnostic& d) {
  const char* level = d.severity == Severity::error ? "error" : "warning";
  if (d.pos.line > 0)
    return fmt::format("{}:{}:{}: {}: {} [{}]", d.path, d.pos.line, std::max(d.pos.column, 1),
                       level, d.message, d.code);
  return fmt::format("{}: {}: {} [{}]", d.path, level, d.message, d.code);
}

}  // namespace actionplan
