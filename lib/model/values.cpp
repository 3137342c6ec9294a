#include "model/values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "model/text.hpp"

namespace actionplan {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return k_days[month - 1];
}

namespace {

// The time part of a YAML timestamp: HH:MM:SS(.frac)? then Z, +HH(:MM)? or nothing,
// optionally after spaces. Hours, minutes and seconds must exist on a clock (an hour
// 25 or a minute 61 is refused: other YAML readers cannot load it), and so must the
// offset (at most 23:59 either way).
bool is_time_of_day(std::string_view t) {
  auto digits = [&](std::size_t at, std::size_t n) {
    return t.size() >= at + n && all_digits(t.substr(at, n));
  };
  if (!digits(0, 1)) return false;
  std::size_t i = t.size() > 1 && t[1] >= '0' && t[1] <= '9' ? 2 : 1;
  if (to_int(t.substr(0, i)) > 23) return false;
  if (!(t.size() > i && t[i] == ':' && digits(i + 1, 2))) return false;
  if (to_int(t.substr(i + 1, 2)) > 59) return false;
  i += 3;
  if (!(t.size() > i && t[i] == ':' && digits(i + 1, 2))) return false;
  if (to_int(t.substr(i + 1, 2)) > 59) return false;
  i += 3;
  if (t.size() > i && t[i] == '.') {
    ++i;
    while (t.size() > i && t[i] >= '0' && t[i] <= '9') ++i;
  }
  while (t.size() > i && t[i] == ' ') ++i;
  if (i == t.size()) return true;
  if (t[i] == 'Z' || t[i] == 'z') return i + 1 == t.size();
  if (t[i] != '+' && t[i] != '-') return false;
  ++i;
  const std::size_t start = i;
  while (t.size() > i && t[i] >= '0' && t[i] <= '9') ++i;
  if (i == start || i - start > 2 || to_int(t.substr(start, i - start)) > 23) return false;
  if (i == t.size()) return true;
  return t[i] == ':' && digits(i + 1, 2) && i + 3 == t.size() && to_int(t.substr(i + 1, 2)) <= 59;
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  // A YAML timestamp keeps only its date part.
  if (text.size() > 10 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ')) {
    std::string_view time = text.substr(11);
    while (!time.empty() && time[0] == ' ') time.remove_prefix(1);
    if (!is_time_of_day(time)) return std::nullopt;
    text = text.substr(0, 10);
  }
  Date d;
  if (text.size() < 4 || !all_digits(text.substr(0, 4))) return std::nullopt;
  d.year = to_int(text.substr(0, 4));
  if (d.year < 1000) return std::nullopt;
  if (text.size() == 4) return d;
  if (text.size() < 7 || text[4] != '-' || !all_digits(text.substr(5, 2))) return std::nullopt;
  d.month = to_int(text.substr(5, 2));
  if (d.month < 1 || d.month > 12) return std::nullopt;
  if (text.size() == 7) return d;
  if (text.size() != 10 || text[7] != '-' || !all_digits(text.substr(8, 2))) return std::nullopt;
  d.day = to_int(text.substr(8, 2));
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

namespace {

const char* const k_month_names[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

// "2025-04-03 (3 April)" when the date exists, "" otherwise.
std::string iso_reading(int year, int month, int day, bool with_words) {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return "";
  std::string iso = fmt::format("{:04}-{:02}-{:02}", year, month, day);
  return with_words ? fmt::format("{} ({} {})", iso, day, k_month_names[month - 1]) : iso;
}

// Splits "31/12/2025" on one separator (/, . or -) into digit groups.
std::vector<std::string_view> date_parts(std::string_view text) {
  std::vector<std::string_view> parts;
  char sep = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] >= '0' && text[i] <= '9') continue;
    if (i < text.size()) {
      if (text[i] != '/' && text[i] != '.' && text[i] != '-') return {};
      if (sep && text[i] != sep) return {};
      sep = text[i];
    }
    if (i == start) return {};
    parts.push_back(text.substr(start, i - start));
    start = i + 1;
  }
  return parts;
}

}  // namespace

std::string iso_date_hint(std::string_view text, bool need_day) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() > 10 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ') &&
      Date::parse(text.substr(0, 10))) {
    std::string_view time = text.substr(11);
    return fmt::format(
        "the time {} does not exist (hours 0-23, minutes and seconds 0-59, offsets up to 23:59); "
        "write the date alone, {}",
        time, text.substr(0, 10));
  }
  const std::vector<std::string_view> p = date_parts(text);
  auto n = [&](std::size_t i) { return to_int(p[i]); };
  if (p.size() == 3 && p[0].size() == 4 && p[1].size() <= 2 && p[2].size() <= 2) {  // 2025/12/31
    std::string iso = iso_reading(n(0), n(1), n(2), false);
    return iso.empty() ? "" : "write " + iso;
  }
  if (p.size() == 3 && p[2].size() == 4 && p[0].size() <= 2 &&
      p[1].size() <= 2) {  // 31/12/2025 or 12/31/2025
    const std::string day_first = iso_reading(n(2), n(1), n(0), true);
    const std::string month_first = iso_reading(n(2), n(0), n(1), true);
    if (!day_first.empty() && !month_first.empty() && n(0) != n(1))
      return fmt::format("write {} or {}", day_first, month_first);
    const std::string& one = day_first.empty() ? month_first : day_first;
    return one.empty() ? "" : "write " + one.substr(0, 10);
  }
  auto month = [&](int year, int m) {
    if (!need_day) return fmt::format("write {:04}-{:02}", year, m);
    return fmt::format("write {:04}-{:02}-{:02}, the month's last day", year, m,
                       days_in_month(year, m));
  };
  if (p.size() == 2 && p[1].size() == 4 && p[0].size() <= 2 && n(0) >= 1 && n(0) <= 12 &&
      n(1) >= 1000)  // 12/2025
    return month(n(1), n(0));
  if (p.size() == 2 && p[0].size() == 4 && p[1].size() <= 2 && n(1) >= 1 && n(1) <= 12 &&
      n(0) >= 1000)  // 2025-12
    return month(n(0), n(1));
  if (need_day && p.size() == 1 && p[0].size() == 4 && n(0) >= 1000)  // 2026
    return fmt::format("write {:04}-12-31, the year's last day", n(0));
  return "";
}

std::string not_a_date(std::string_view text) {
  const std::string hint = iso_date_hint(text);
  return fmt::format("{} is not a date; {}", in_quotes(text),
                     hint.empty() ? "write YYYY, YYYY-MM or YYYY-MM-DD" : hint);
}

std::string Date::to_string() const {
  if (month == 0) return fmt::format("{:04}", year);
  if (day == 0) return fmt::format("{:04}-{:02}", year, month);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

Date Date::first_day() const {
  return {year, month ? month : 1, day ? day : 1};
}

Date Date::last_day() const {
  const int m = month ? month : 12;
  return {year, m, day ? day : days_in_month(year, m)};
}

std::optional<double> parse_decimal(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t int_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == int_start) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    const std::size_t frac_start = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == frac_start) return std::nullopt;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exp_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == exp_start) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::string ambiguous_money(std::string_view text) {
  // Groups of three digits after a first group of one to three, split by `sep`; then the rest.
  auto grouped = [&](char sep, std::size_t& groups) {
    std::size_t i = 0;
    while (i < text.size() && i < 4 && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == 0 || i > 3 || text[0] == '0')
      return std::string_view::npos;  // no thousands start with 0
    groups = 0;
    while (i + 4 <= text.size() && text[i] == sep &&
           std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
           std::isdigit(static_cast<unsigned char>(text[i + 2])) &&
           std::isdigit(static_cast<unsigned char>(text[i + 3])) &&
           (i + 4 == text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 4])))) {
      i += 4;
      ++groups;
    }
    return groups ? i : std::string_view::npos;
  };
  auto without = [&](std::string_view part, char sep) {
    std::string digits;
    for (char c : part)
      if (c != sep) digits += c;
    return digits;
  };
  std::size_t groups = 0;
  if (std::size_t end = grouped('.', groups); end == text.size() && groups == 1) {
    const std::string thousands = without(text, '.');
    return fmt::format(
        "a dot before three digits may group thousands ({}) or mark decimals ({}); write the "
        "amount without separators: {}, or {}",
        thousands, format_number(*parse_decimal(text)), thousands,
        format_number(*parse_decimal(text)));
  }
  for (char sep : {'.', ',', ' ', '\''}) {
    const std::size_t end = grouped(sep, groups);
    if (end == std::string_view::npos) continue;
    const std::string whole = without(text.substr(0, end), sep);
    const std::string_view rest = text.substr(end);
    if (rest.empty())
      return fmt::format("'{}' groups thousands; write the amount without separators: {}", sep,
                         whole);
    const char decimal = sep == '.' ? ',' : '.';
    if (rest.size() > 1 && rest[0] == decimal &&
        std::all_of(rest.begin() + 1, rest.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return fmt::format("'{}' groups thousands and '{}' marks decimals; write {}.{}", sep, decimal,
                         whole, rest.substr(1));
  }
  return "";
}

std::optional<Amount> parse_amount_text(std::string_view text) {
  if (text == "none") return Amount{AmountKind::none, 0, 0};
  if (text == "tbd") return Amount{AmountKind::tbd, 0, 0};
  const std::size_t dash = text.find('-', 1);
  if (dash == std::string_view::npos) {
    const std::optional<double> v = parse_decimal(text);
    if (!v || *v < 0) return std::nullopt;
    return Amount{AmountKind::number, *v, *v};
  }
  const std::optional<double> low = parse_decimal(text.substr(0, dash));
  const std::optional<double> high = parse_decimal(text.substr(dash + 1));
  if (!low || !high || *low < 0 || *low > *high) return std::nullopt;
  return Amount{AmountKind::range, *low, *high};
}

std::string amount_as_text(const Amount& a) {
  switch (a.kind) {
    case AmountKind::number:
      return money_text(a.max);
    case AmountKind::range:
      return money_text(a.min) + "-" + money_text(a.max);
    case AmountKind::none:
      return "none";
    case AmountKind::tbd:
      return "tbd";
  }
  return "";
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

std::string money_text(double value) {
  std::string text = format_number(value);
  if (!ambiguous_money(text).empty()) text += '0';  // 1.585 would read as 1585 to some
  return text;
}

}  // namespace actionplan

namespace actionplan {

Date date_from_unix_seconds(long long seconds) {
  // Howard Hinnant's civil_from_days.
  long long z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

}  // namespace actionplan

namespace actionplan {

long long day_number(const Date& d) {
  // Howard Hinnant's days_from_civil.
  const long long y = d.year - (d.month <= 2 ? 1 : 0);
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long mp = d.month > 2 ? d.month - 3 : d.month + 9;
  const long long doy = (153 * mp + 2) / 5 + d.day - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date add_months(const Date& d, int months) {
  const int index = d.year * 12 + (d.month - 1) + months;
  Date out{index / 12, index % 12 + 1, 0};
  out.day = std::min(d.day, days_in_month(out.year, out.month));
  return out;
}

}  // namespace actionplan
