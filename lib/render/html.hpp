#pragma once
// A self-contained HTML document from Markdown the renderers wrote, for
// reading on screen, e-mailing and printing: cmark-gfm's library turns the
// Markdown (GitHub tables) into HTML, so the escaping rules of the Markdown
// stay the only ones; the i-th Mermaid block becomes charts[i] as inline SVG;
// each level-2 heading starting "Annex" starts a printed page. Styles are
// inline; there is no script and nothing is fetched from the network.
#include <string>
#include <vector>

#include "render/charts.hpp"

namespace actionplan {

enum class Paper { a4, letter };

// `title` is plain text (escaped here). Mermaid blocks beyond `charts` stay code.
std::string html_document(const std::string& title, const std::string& markdown,
                          const std::vector<Chart>& charts, Paper paper);

}  // namespace actionplan
