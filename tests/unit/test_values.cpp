#include <doctest/doctest.h>

#include "model/values.hpp"

using namespace actionplan;

TEST_CASE("dates in three precisions") {
  CHECK(Date::parse("2030") == Date{2030, 0, 0});
  CHECK(Date::parse("2024-06") == Date{2024, 6, 0});
  CHECK(Date::parse("2025-11-02") == Date{2025, 11, 2});
  CHECK(Date::parse("2024-02-29") == Date{2024, 2, 29});
  CHECK(Date::parse("2025-11-02T10:00:00Z") == Date{2025, 11, 2});
  CHECK(Date::parse("2025-11-02 10:00:00") == Date{2025, 11, 2});
}

TEST_CASE("impossible or malformed dates are refused") {
  for (const char* bad : {"2023-02-29", "2023-02-30", "2024-13", "2024-00", "2024-1", "24",
                          "June 2024", "2024-06-31", "0999", "2024/06", "2024-06-1", ""})
    CHECK_MESSAGE(!Date::parse(bad), bad);
}

TEST_CASE("date periods and text") {
  const Date month{2024, 2, 0};
  CHECK(month.first_day() == Date{2024, 2, 1});
  CHECK(month.last_day() == Date{2024, 2, 29});
  CHECK(Date{2030, 0, 0}.last_day() == Date{2030, 12, 31});
  CHECK(Date{2024, 6, 0}.to_string() == "2024-06");
  CHECK(Date{2024, 6, 5}.to_string() == "2024-06-05");
  CHECK(Date{2024, 0, 0} < Date{2024, 6, 0});
}

TEST_CASE("decimal numbers only") {
  CHECK(parse_decimal("250000") == 250000);
  CHECK(parse_decimal("010") == 10);
  CHECK(parse_decimal("-3.5") == -3.5);
  CHECK(parse_decimal("+2") == 2);
  CHECK(parse_decimal("1e3") == 1000);
  for (const char* bad :
       {"0x1A", "1_000", ".5", "5.", "inf", ".nan", "1e999", "12abc", "", "-", "0o7"})
    CHECK_MESSAGE(!parse_decimal(bad), bad);
}

TEST_CASE("numbers print shortest") {
  CHECK(format_number(250000) == "250000");
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(-3) == "-3");
}

TEST_CASE("unix seconds to UTC dates") {
  CHECK(date_from_unix_seconds(0) == Date{1970, 1, 1});
  CHECK(date_from_unix_seconds(1795219200) == Date{2026, 11, 21});
  CHECK(date_from_unix_seconds(951782400) == Date{2000, 2, 29});
  CHECK(date_from_unix_seconds(-1) == Date{1969, 12, 31});
}

TEST_CASE("money written with separators is named, with the value to write") {
  CHECK(ambiguous_money("50000").empty());
  CHECK(ambiguous_money("12.5").empty());
  CHECK(ambiguous_money("0.125").empty());  // no thousands start with 0
  CHECK(ambiguous_money("1000.50").empty());
  CHECK(ambiguous_money("50.000") ==
        "a dot before three digits may group thousands (50000) or mark decimals (50); write the "
        "amount without "
        "separators: 50000, or 50");
  CHECK(ambiguous_money("1.500") ==
        "a dot before three digits may group thousands (1500) or mark decimals (1.5); write the "
        "amount without "
        "separators: 1500, or 1.5");
  CHECK(ambiguous_money("1.500.000") ==
        "'.' groups thousands; write the amount without separators: 1500000");
  CHECK(ambiguous_money("50,000") ==
        "',' groups thousands; write the amount without separators: 50000");
  CHECK(ambiguous_money("50 000") ==
        "' ' groups thousands; write the amount without separators: 50000");
  CHECK(ambiguous_money("1.500,50") ==
        "'.' groups thousands and ',' marks decimals; write 1500.50");
  CHECK(ambiguous_money("1,500.50") ==
        "',' groups thousands and '.' marks decimals; write 1500.50");
  CHECK(ambiguous_money("1,50")
            .empty());  // a decimal comma alone: refused as not a number, not misread
}

TEST_CASE("dates in other common forms get the ISO form to write") {
  CHECK(iso_date_hint("31/12/2025") == "write 2025-12-31");
  CHECK(iso_date_hint("31.12.2025") == "write 2025-12-31");
  CHECK(iso_date_hint("12/31/2025") == "write 2025-12-31");
  CHECK(iso_date_hint("03/04/2026") == "write 2026-04-03 (3 April) or 2026-03-04 (4 March)");
  CHECK(iso_date_hint("04/04/2026") == "write 2026-04-04");
  CHECK(iso_date_hint("2026/10/1") == "write 2026-10-01");
  CHECK(iso_date_hint("12/2026") == "write 2026-12");
  CHECK(iso_date_hint("12/2026", true) == "write 2026-12-31, the month's last day");
  CHECK(iso_date_hint("2026", true) == "write 2026-12-31, the year's last day");
  CHECK(iso_date_hint("31/02/2026") == "");
  CHECK(iso_date_hint("soon") == "");
  CHECK(iso_date_hint("1/2/3") == "");
  CHECK(not_a_date("31/12/2025") == "'31/12/2025' is not a date; write 2025-12-31");
  CHECK(not_a_date("soon") == "'soon' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD");
}
