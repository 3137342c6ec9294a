#include "render/charts.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analysis/gaps.hpp"  // format_quantity
#include "model/text.hpp"
#include "render/markdown.hpp"

namespace actionplan {
namespace {

// Text inside SVG elements and attributes.
std::string xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

// At most `limit` characters (not bytes), with an ellipsis.
std::string shortened(const std::string& text, std::size_t limit) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (characters++ == limit - 1 && text.size() - i > 3) return text.substr(0, i) + "…";
  }
  return text;
}

std::string number(double v) {
  return fmt::format("{:.1f}", v);
}

std::string label_of(const BarChart& c, std::size_t k) {
  const std::string shown = mermaid_label(c.labels[k], "");
  return shown.empty() ? c.fallbacks[k] : c.labels[k];
}

std::string with_unit(double value, const std::string& unit) {
  if (unit.empty() || unit == "count") return format_quantity(value);
  return unit == "%" ? format_quantity(value) + "%" : format_quantity(value) + " " + unit;
}

// Ticks of an axis from 0 to top: five steps, or one per unit for small counts.
std::vector<double> ticks(double top) {
  const double step = top <= 5 && top == std::floor(top) ? 1 : top / 5;
  std::vector<double> out;
  for (double v = 0; v <= top + step / 2; v += step) out.push_back(v);
  return out;
}

std::string open_svg(const std::string& id, int width, int height, const std::string& title,
                     const std::string& desc) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" "
      "width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-labelledby=\"{}-title {}-desc\">\n<title "
      "id=\"{}-title\">{}</title>\n<desc id=\"{}-desc\">{}</desc>\n",
      width, height, width, height, id, id, id, xml(title), id, xml(desc));
}

std::string bar_svg(const BarChart& c, const std::string& id) {
  const int width = 640, label_width = 230, x0 = 240, x1 = 590, top_margin = 34, row = 26;
  const int height = top_margin + static_cast<int>(c.values.size()) * row + 10;
  double largest = 0;
  for (double v : c.values) largest = std::max(largest, v);
  const double top = axis_top(largest);
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < c.values.size(); ++k)
    parts.push_back(fmt::format("{}: {}", label_of(c, k), format_quantity(c.values[k])));
  std::string out = open_svg(id, width, height, c.title,
                             fmt::format("{} (bars from 0). {}.", c.title, join(parts, "; ")));
  auto x = [&](double v) { return x0 + (x1 - x0) * v / top; };
  out += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"12\">{}</text>\n", x0, xml(c.axis));
  for (double t : ticks(top))
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/><text class=\"tick\" "
        "x=\"{0}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        number(x(t)), top_margin - 6, height - 10, top_margin - 10, xml(format_quantity(t)));
  for (std::size_t k = 0; k < c.values.size(); ++k) {
    const double y = top_margin + static_cast<double>(k) * row;
    const std::string name = label_of(c, k);
    out += fmt::format("<g><title>{}: {}</title>", xml(name), xml(format_quantity(c.values[k])));
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                       label_width, number(y + 17), xml(shortened(name, 34)));
    out += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", x0,
                       number(y + 4), number(x(c.values[k]) - x0), row - 8);
    out +=
        fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>\n",
                    number(x(c.values[k]) + 5), number(y + 17), xml(format_quantity(c.values[k])));
  }
  out += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", x0,
                     top_margin - 6, height - 10);
  return out + "</svg>\n";
}

std::string trend_svg(const TrendChart& c, const std::string& id) {
  const int width = 640, height = 300, x0 = 70, x1 = 600, y0 = 40, y1 = 250;
  const TrendPoint& base = c.points.front();
  long long first = day_number(base.date.last_day()), last = first;
  double largest = 0;
  for (const TrendPoint& p : c.points) {
    last = std::max(last, day_number(p.date.last_day()));
    largest = std::max({largest, p.expected, p.measured.value_or(0)});
  }
  if (last == first) ++last;
  const double top = axis_top(largest);
  auto x = [&](const Date& d) {
    return x0 + (x1 - x0) * static_cast<double>(day_number(d.last_day()) - first) /
                    static_cast<double>(last - first);
  };
  auto y = [&](double v) { return y1 - (y1 - y0) * v / top; };

  // The text alternative: every number of the chart.
  std::vector<std::string> measured;
  for (std::size_t k = 1; k < c.points.size(); ++k)
    if (c.points[k].measured)
      measured.push_back(fmt::format("{} ({})", with_unit(*c.points[k].measured, c.unit),
                                     c.points[k].date.to_string()));
  std::string desc =
      fmt::format("Baseline {} ({}).", with_unit(base.measured.value_or(base.expected), c.unit),
                  base.date.to_string());
  if (!measured.empty()) desc += fmt::format(" Measured: {}.", join(measured, "; "));
  if (c.ends_at_target)
    desc +=
        fmt::format(" Target: {} ({}), the end of the expected path.",
                    with_unit(c.points.back().expected, c.unit), c.points.back().date.to_string());
  std::string out = open_svg(id, width, height, c.title, desc);

  // Axes, grid and ticks: values from 0; years placed by their dates.
  out += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"14\">{}</text>\n", x0,
                     xml(c.unit.empty() ? "count" : c.unit));
  for (double t : ticks(top))
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/><text class=\"tick\" "
        "x=\"{3}\" y=\"{4}\" "
        "text-anchor=\"end\">{5}</text>\n",
        x0, number(y(t)), x1, x0 - 6, number(y(t) + 4), xml(format_quantity(t)));
  const int first_year = base.date.year, last_year = c.points.back().date.year;
  int step = 1;
  while ((x1 - x0) * step / std::max(1, last_year - first_year + 1) < 44)
    step = step == 1 ? 2 : step == 2 ? 5 : step * 2;
  for (int year = first_year; year <= last_year; year += step) {
    const double at = x(Date{year, 0, 0});
    if (at < x0 - 0.5 || at > x1 + 0.5) continue;
    out += fmt::format(
        "<line class=\"tick-mark\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/><text "
        "class=\"tick\" x=\"{0}\" "
        "y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        number(at), y1, y1 + 5, y1 + 18, year);
  }
  out += fmt::format(
      "<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/><line class=\"axis\" "
      "x1=\"{0}\" "
      "y1=\"{2}\" x2=\"{3}\" y2=\"{2}\"/>\n",
      x0, y0 - 6, y1, x1);

  // The expected path (dashed), the measured values (solid, with dots), the baseline (square), the
  // target (diamond).
  std::vector<std::string> path, values;
  for (const TrendPoint& p : c.points) {
    path.push_back(number(x(p.date)) + "," + number(y(p.expected)));
    if (p.measured) values.push_back(number(x(p.date)) + "," + number(y(*p.measured)));
  }
  out += fmt::format("<polyline class=\"expected\" points=\"{}\"/>\n", join(path, " "));
  if (values.size() > 1)
    out += fmt::format("<polyline class=\"measured\" points=\"{}\"/>\n", join(values, " "));
  for (std::size_t k = 1; k < c.points.size(); ++k)
    if (const TrendPoint& p = c.points[k]; p.measured)
      out += fmt::format(
          "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{} ({})</title></circle>\n",
          number(x(p.date)), number(y(*p.measured)), xml(with_unit(*p.measured, c.unit)),
          xml(p.date.to_string()));
  const double bx = x(base.date), by = y(base.measured.value_or(base.expected));
  out += fmt::format("<rect class=\"baseline\" x=\"{}\" y=\"{}\" width=\"8\" height=\"8\"/>\n",
                     number(bx - 4), number(by - 4));
  if (c.ends_at_target) {
    const TrendPoint& t = c.points.back();
    const double tx = x(t.date), ty = y(t.expected);
    out += fmt::format("<polygon class=\"target\" points=\"{},{} {},{} {},{} {},{}\"/>\n",
                       number(tx), number(ty - 6), number(tx + 6), number(ty), number(tx),
                       number(ty + 6), number(tx - 6), number(ty));
    out += fmt::format(
        "<text class=\"note\" x=\"{}\" y=\"{}\" text-anchor=\"end\">target {} ({})</text>\n",
        number(tx - 8), number(ty - 8), xml(with_unit(t.expected, c.unit)), t.date.year);
  }
  // Legend: the shapes and dashes say which line is which without colour.
  out += fmt::format(
      "<g class=\"legend\" transform=\"translate({},{})\"><rect class=\"baseline\" x=\"0\" "
      "y=\"-8\" width=\"8\" height=\"8\"/>"
      "<text x=\"12\" y=\"0\">baseline</text><line class=\"measured\" x1=\"80\" y1=\"-4\" "
      "x2=\"104\" y2=\"-4\"/>"
      "<circle class=\"point\" cx=\"92\" cy=\"-4\" r=\"3.5\"/><text x=\"110\" "
      "y=\"0\">measured</text>"
      "<line class=\"expected\" x1=\"180\" y1=\"-4\" x2=\"204\" y2=\"-4\"/><text x=\"210\" "
      "y=\"0\">expected path</text>"
      "<polygon class=\"target\" points=\"306,-10 312,-4 306,2 300,-4\"/><text x=\"318\" "
      "y=\"0\">target</text></g>\n",
      x0, height - 12);
  return out + "</svg>\n";
}

}  // namespace

std::string chart_number(double value) {
  std::string text = format_number(value);
  if (text.find('e') == std::string::npos) return text;
  text = fmt::format("{:.6f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

double axis_top(double largest) {
  if (!(largest > 0)) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(largest)));
  for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (step * power >= largest) return step * power;
  return 10 * power;
}

std::string mermaid_chart(const Chart& chart) {
  if (const BarChart* c = std::get_if<BarChart>(&chart)) {
    std::vector<std::string> labels, values;
    double largest = 0;
    for (std::size_t k = 0; k < c->values.size(); ++k) {
      labels.push_back(fmt::format(
          "\"{}\"", mermaid_label(c->labels[k], mermaid_label(c->fallbacks[k], "stage"))));
      values.push_back(chart_number(c->values[k]));
      largest = std::max(largest, c->values[k]);
    }
    return fmt::format(
        "```mermaid\nxychart-beta horizontal\n  x-axis [{}]\n  y-axis \"{}\" 0 --> {}\n  bar "
        "[{}]\n```\n\n",
        join(labels), mermaid_label(c->axis, "count"), chart_number(axis_top(largest)),
        join(values));
  }
  const TrendChart& c = std::get<TrendChart>(chart);
  std::vector<std::string> labels, values, expected;
  double largest = 0;
  for (const TrendPoint& p : c.points) {
    labels.push_back(p.measured ? fmt::format("\"{}\"", p.date.to_string())
                                : fmt::format("\"target {}\"", p.date.year));
    if (p.measured) values.push_back(chart_number(*p.measured));  // the target point has no bar
    expected.push_back(chart_number(p.expected));
    largest = std::max({largest, p.expected, p.measured.value_or(0)});
  }
  return fmt::format(
      "```mermaid\nxychart-beta\n  x-axis [{}]\n  y-axis \"{}\" 0 --> {}\n  bar [{}]\n  line "
      "[{}]\n```\n\n",
      join(labels), c.unit.empty() ? "value" : mermaid_label(c.unit, "value"),
      chart_number(axis_top(largest)), join(values), join(expected));
}

std::string svg_chart(const Chart& chart, const std::string& id) {
  if (const BarChart* c = std::get_if<BarChart>(&chart)) return bar_svg(*c, id);
  return trend_svg(std::get<TrendChart>(chart), id);
}

}  // namespace actionplan
