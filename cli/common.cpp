#include "common.hpp"

#include <charconv>

#include <fmt/format.h>

#include "load/plan_loader.hpp"

namespace fs = std::filesystem;

namespace actionplan::cli {

int Session::fail(const std::string& message) const {
  err << "actionplan: error: " << message << "\n";
  return k_exit_failure;
}

fs::path Session::start_dir() const {
  if (dir.empty()) return context.cwd;
  return (context.cwd / dir).lexically_normal();
}

std::optional<fs::path> Session::plan_root() const {
  const fs::path start = start_dir();
  std::error_code ec;
  if (!fs::is_directory(start, ec)) {
    fail(fmt::format("cannot use -C {}: {}", dir,
                     fs::exists(start, ec) ? "not a folder" : "no such folder"));
    return std::nullopt;
  }
  std::optional<fs::path> root = find_plan_root(start);
  if (!root)
    fail(fmt::format("no plan found: no plan.yaml in {} or any folder above it (create one with "
                     "'actionplan init', or point at one with -C DIR)",
                     start.string()));
  return root;
}

std::optional<Date> Session::as_of(const std::string& option) const {
  if (!option.empty()) {
    std::optional<Date> date = Date::parse(option);
    if (!date || date->day == 0 || option.size() != 10) {
      fail(fmt::format("--as-of: {} is not a date; write YYYY-MM-DD, e.g. 2026-12-31", option));
      return std::nullopt;
    }
    return date;
  }
  if (context.source_date_epoch) {
    const std::string& text = *context.source_date_epoch;
    long long seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
      fail(fmt::format("SOURCE_DATE_EPOCH={} is not a number of seconds", text));
      return std::nullopt;
    }
    return date_from_unix_seconds(seconds);
  }
  return date_from_unix_seconds(context.now_unix_seconds);
}

}  // namespace actionplan::cli
