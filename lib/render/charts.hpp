#pragma once
// The report's charts as data, drawn two ways from the same numbers: as
// Mermaid blocks for GitHub (Markdown) and as inline SVG for the HTML report.
// Both start bars at 0; the SVG trend chart has a real time axis and marks
// the baseline and the target. Pure; output depends only on the input.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/values.hpp"

namespace actionplan {

// Counts per category (projects per stage), bars from 0.
struct BarChart {
  std::string title;                   // "Projects by stage"
  std::string axis;                    // what is counted: "Projects"
  std::vector<std::string> labels;     // full names, in order
  std::vector<std::string> fallbacks;  // shown when a name has nothing a chart can show (e.g. "#")
  std::vector<double> values;
};

// An indicator's path: the baseline, each measurement and the next target
// on one time line. `measured` is empty for the target point only.
struct TrendPoint {
  Date date;
  std::optional<double> measured;
  double expected = 0;  // on the line from the baseline to the target
};

struct TrendChart {
  std::string title;               // the indicator's title
  std::string unit;                // as the plan writes it; "" for plain counts
  std::vector<TrendPoint> points;  // baseline first; the target last when it lies after the data
  bool ends_at_target = false;
};

using Chart = std::variant<BarChart, TrendChart>;

// A Mermaid xychart block, fences included, ending with a blank line.
std::string mermaid_chart(const Chart& chart);

// An inline <svg> with <title> and <desc> (a text alternative giving every
// number). `id` makes its element ids unique in the document. Every text is
// XML-escaped; colours are told apart by shape and dash in greyscale too.
std::string svg_chart(const Chart& chart, const std::string& id);

// A value as a chart writes it: plain decimals (Mermaid reads no 1e+20).
std::string chart_number(double value);

// The top of an axis that starts at 0: `largest` rounded up to 1, 2, 2.5 or
// 5 times a power of ten; 1 when nothing is above 0.
double axis_top(double largest);

}  // namespace actionplan
