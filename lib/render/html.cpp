#include "render/html.hpp"

#include <cstdlib>
#include <cstring>
#include <memory>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fmt/format.h>

namespace actionplan {
namespace {

// Screen and print: tables that wrap to the page, headers repeated on each
// printed page, annexes on a new page, page numbers, charts that scale.
constexpr const char* k_style = R"css(
:root { color-scheme: light; }
body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.45; color: #1f2328; margin: 0; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 8mm; }
h1 { font-size: 18pt; line-height: 1.25; margin: 0 0 6pt; }
h2 { font-size: 14pt; border-bottom: 1px solid #d0d7de; padding-bottom: 2pt; margin: 18pt 0 8pt; }
h3 { font-size: 12pt; margin: 14pt 0 6pt; }
h4 { font-size: 11pt; margin: 12pt 0 4pt; }
p, ul, ol { margin: 0 0 8pt; }
blockquote { margin: 0 0 8pt; padding: 0 10pt; border-left: 3pt solid #d0d7de; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 0 0 10pt; font-size: 9pt; }
th, td { border: 1px solid #c8d1da; padding: 3pt 5pt; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef1f4; }
th:not([align]) { text-align: left; }
thead { display: table-header-group; }
tr, svg.chart, li { break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 4pt 0 12pt; font-size: 11px;
            font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
svg.chart .grid { stroke: #e1e5e9; } svg.chart .axis, svg.chart .tick-mark { stroke: #333; }
svg.chart .tick, svg.chart .label, svg.chart .value, svg.chart .note, svg.chart .legend text { fill: #222; }
svg.chart .axis-title { fill: #222; font-weight: bold; }
svg.chart .bar { fill: #4f6d8f; stroke: #1d3557; }
svg.chart .measured { fill: none; stroke: #1d3557; stroke-width: 2; }
svg.chart .point { fill: #1d3557; }
svg.chart .expected { fill: none; stroke: #777; stroke-width: 1.5; stroke-dasharray: 6 4; }
svg.chart .baseline { fill: #fff; stroke: #1d3557; stroke-width: 1.5; }
svg.chart .target { fill: #b35c00; stroke: #5a2e00; }
@page { size: PAPER; margin: 15mm 13mm 17mm; @bottom-center { content: counter(page) " / " counter(pages);
        font-size: 8pt; color: #555; } }
@media print {
  main { max-width: none; padding: 0; }
  h2.annex { break-before: page; }
  h2, h3, h4, p:has(+ svg.chart) { break-after: avoid; }
}
)css";

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

// A raw HTML block standing in for `node`.
void replace_with_html(cmark_node* node, const std::string& html) {
  cmark_node* block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
  cmark_node_set_literal(block, html.c_str());
  cmark_node_replace(node, block);
  cmark_node_free(node);
}

}  // namespace

std::string html_document(const std::string& title, const std::string& markdown,
                          const std::vector<Chart>& charts, Paper paper) {
  cmark_gfm_core_extensions_ensure_registered();
  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
    cmark_parser_attach_syntax_extension(parser.get(), table);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeFree> document(cmark_parser_finish(parser.get()));
  cmark_llist* extensions = cmark_parser_get_syntax_extensions(parser.get());

  // The blocks to swap, collected first: the tree is not changed while it is walked.
  std::vector<cmark_node*> mermaid, annexes;
  cmark_iter* iter = cmark_iter_new(document.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_CODE_BLOCK) {
      const char* info = cmark_node_get_fence_info(node);
      if (info && std::strcmp(info, "mermaid") == 0) mermaid.push_back(node);
    } else if (type == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) == 2) {
      cmark_node* first = cmark_node_first_child(node);
      const char* text = first && cmark_node_get_type(first) == CMARK_NODE_TEXT
                             ? cmark_node_get_literal(first)
                             : nullptr;
      if (text && std::strncmp(text, "Annex", 5) == 0) annexes.push_back(node);
    }
  }
  cmark_iter_free(iter);
  for (std::size_t k = 0; k < mermaid.size() && k < charts.size(); ++k)
    replace_with_html(mermaid[k], svg_chart(charts[k], fmt::format("chart-{}", k + 1)));
  for (cmark_node* heading : annexes) {
    char* html = cmark_render_html(heading, CMARK_OPT_DEFAULT, extensions);
    std::string text(html);
    free(html);
    replace_with_html(heading, "<h2 class=\"annex\">" + text.substr(std::strlen("<h2>")));
  }
  // Unsafe: the raw HTML blocks above are the tool's own; every text from the plan was
  // escaped by the Markdown writer (no tag, no link can come from it).
  char* body = cmark_render_html(document.get(), CMARK_OPT_UNSAFE, extensions);
  std::string style = k_style;
  style.replace(style.find("PAPER"), 5, paper == Paper::a4 ? "A4" : "letter");
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n"
      "</head>\n<body>\n<main>\n",
      escaped(title), style);
  out += body;
  free(body);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace actionplan
