#pragma once
// Markdown building blocks. Every text taken from a plan goes through
// md_text() so it cannot break the document: no raw HTML, no links or
// emphasis of its own, no line breaks, no table-cell breaks.
#include <string>
#include <string_view>
#include <vector>

#include "model/text.hpp"  // capitalised

namespace actionplan {

// Inline text: \ ` * _ [ ] # | ~ $ backslash-escaped, <, > and & as
// entities, line breaks and control characters as spaces; leading spaces
// dropped and a start that Markdown would read as block syntax ("- ", "+ ",
// "2024. ", "3) ", "---", "===") escaped, so the text stays text at the start
// of a paragraph or list item too.
std::string md_text(std::string_view text);

// `code` span for ids and codes (backticks in them are replaced).
std::string md_code(std::string_view text);

// A GitHub-flavoured table; `align` holds 'l' or 'r' per column. Cells are
// used as given (escape plan text with md_text first).
std::string md_table(const std::vector<std::string>& header, const std::string& align,
                     const std::vector<std::vector<std::string>>& rows);

// A label inside a Mermaid chart's double quotes: letters, digits, spaces
// and . , : ; - ( ) / ' + & % kept (non-ASCII letters too); quotes, brackets,
// backticks, # and line breaks become spaces; "%%" (Mermaid directives) cannot
// appear. At most 40 characters, with an ellipsis. `fallback` when nothing
// is left (a label of only symbols): Mermaid refuses an empty label.
std::string mermaid_label(std::string_view text, std::string_view fallback = "value");

// A word from the plan's `terms` (or the default), escaped for Markdown.
template <class PlanT>
std::string md_term(const PlanT& plan, const std::string& key, const std::string& fallback) {
  return md_text(plan.term(key, fallback));
}

}  // namespace actionplan
