#pragma once
// Value types of the plan format: dates of varying precision, money amounts,
// persons, and values that remember where in a file they were written.
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"

namespace actionplan {

// A value and the 1-based position of the YAML node it was read from.
template <class T>
struct Located {
  T value{};
  Position pos;
};

using Text = std::optional<Located<std::string>>;
using IdList = std::vector<Located<std::string>>;

// A calendar date written as YYYY, YYYY-MM or YYYY-MM-DD (month/day 0 when absent).
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // Parses the three forms and YAML timestamps ("2025-11-02T10:00:00Z" → 2025-11-02).
  // Returns nullopt for anything else, including impossible dates (2023-02-30).
  static std::optional<Date> parse(std::string_view text);
  std::string to_string() const;
  // The first and last calendar day the date stands for: 2024-06 → 2024-06-01 / 2024-06-30.
  Date first_day() const;
  Date last_day() const;
  auto operator<=>(const Date&) const = default;
};

int days_in_month(int year, int month);

// What to write instead of a date in another common form: "31/12/2025",
// "31.12.2025" → "write 2025-12-31"; "03/04/2025" → "write 2025-04-03 (3 April)
// or 2025-03-04 (4 March)"; "2025/12/31", "12/2025" likewise; a timestamp
// whose time is not on a clock → "the time 25:00:00 does not exist; …".
// Returns "" when the text looks like no date. With `need_day`, a month
// ("12/2026") is answered with its last day ("write 2026-12-31, the month's last day").
std::string iso_date_hint(std::string_view text, bool need_day = false);
// "\"31/12/2025\" is not a date; write 2025-12-31", or the three forms when no reading fits.
std::string not_a_date(std::string_view text);

// True when `date` lies wholly after `as_of` (its first day is later): data
// not yet known on `as_of`. "2026-06" is not after 2026-06-15.
inline bool is_after(const Date& date, const Date& as_of) {
  return as_of < date.first_day();
}

// Parses decimal numbers only: "010" is 10, "0x1A", "1_000", ".5", "inf" are refused.
std::optional<double> parse_decimal(std::string_view text);
// Shortest decimal text for a number: 250000, 0.5, 1.25e+20.
// An amount of money as format_number writes it, but never in a form that
// ambiguous_money refuses: 1.585 is written 1.5850 (a reader could take 1.585
// for 1585), so that what is written reads back.
std::string money_text(double value);
std::string format_number(double value);

enum class AmountKind { number, range, none, tbd };

// money, [min, max], none (no additional funds required) or tbd (unknown).
struct Amount {
  AmountKind kind = AmountKind::number;
  double min = 0;
  double max = 0;
};

// Money that people write differently than the format reads it: "50.000"
// (fifty thousand with a dot grouping thousands, or fifty with three
// decimals), "50,000", "1.500.000" or "50 000" (thousands separators),
// "1.500,50" (a decimal comma). Returns why, with the value to write
// instead ("…; write 50000 (fifty thousand) or 50"), or "" for plain money.
std::string ambiguous_money(std::string_view text);

// An amount written on a command line: "250000", "45000-90000", "none", "tbd".
std::optional<Amount> parse_amount_text(std::string_view text);
// The same form back: "250000", "45000-90000", "none", "tbd".
std::string amount_as_text(const Amount& amount);

struct Person {
  Located<std::string> name;
  Text org;
  Text email;
  Text role;
  std::vector<Located<std::string>> expertise;
  std::optional<Located<std::string>> region;  // representatives only
  Position pos;
};

}  // namespace actionplan

namespace actionplan {
// The UTC calendar date of a Unix time in seconds (for SOURCE_DATE_EPOCH).
Date date_from_unix_seconds(long long seconds);
}  // namespace actionplan

namespace actionplan {
// Days since 1970-01-01 of a full date (for straight lines through time).
long long day_number(const Date& full_date);
// The date `months` calendar months after `date` (day clamped to the month's end).
Date add_months(const Date& full_date, int months);
}  // namespace actionplan
