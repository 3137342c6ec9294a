#!/usr/bin/env python3
"""The HTML report and gap analysis are one self-contained, script-free page each.

  check_html.py BINARY SOURCE_DIR

For every example plan (at its own date), the chart edge cases, and fixtures whose
texts are hostile (`</svg>`, `<script>`, `]]>`, quotes, event attributes), checks
`report --format html` and `gap-analysis --format html`:
- parsed by Python's HTML parser, the page has no script, no element that loads
  anything (img, iframe, link, object, embed, source, video, audio), no attribute
  on*, src, href, srcset or xlink:href, no url(...) or @import in its style;
- one inline <svg> per chart of the Markdown report (one per Mermaid block), each
  with a <title> and a <desc>; every <svg> is closed;
- the same plan and options give the same bytes (run twice).
Exits 1 on any problem."""
import html.parser
import os
import re
import subprocess
import sys

binary, src = sys.argv[1], sys.argv[2]
env = dict(os.environ, SOURCE_DATE_EPOCH="1795219200", NO_COLOR="1")
DATES = {"4p1000": "2026-11-21", "cartagena-capacity-building": "2016-12-31",
         "cms-capacity-building-2012-2014": "2014-12-31", "mountain-partnership-cusco": "2007-12-31"}
LOADING = {"script", "img", "iframe", "link", "object", "embed", "source", "video", "audio", "image", "use",
           "foreignobject", "base", "meta-refresh"}
problems = []


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.bad, self.open_svg, self.svgs, self.in_style, self.style = [], [], 0, [], False, ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in LOADING:
            self.bad.append(f"<{tag}>")
        for name, _ in attrs:
            if name.startswith("on") or name in ("src", "href", "srcset", "xlink:href", "action", "formaction"):
                self.bad.append(f"<{tag} {name}=...>")
        if tag == "svg":
            self.open_svg += 1
            self.svgs.append([])
        if self.open_svg and tag in ("title", "desc"):
            self.svgs[-1].append(tag)
        if tag == "style":
            self.in_style = True

    def handle_endtag(self, tag):
        if tag == "svg":
            self.open_svg -= 1
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style += data


def run(plan, *args):
    out = subprocess.run([binary, "-C", plan, *args], capture_output=True, env=env)
    if out.returncode not in (0, 1):
        problems.append(f"{plan}: {' '.join(args)} exited {out.returncode}: {out.stderr.decode()[:300]}")
    return out.stdout.decode("utf-8")


def check(where, page, charts):
    if not page.startswith("<!DOCTYPE html>"):
        problems.append(f"{where}: not an HTML document")
    p = Page()
    p.feed(page)
    p.close()
    for bad in sorted(set(p.bad)):
        problems.append(f"{where}: {bad} in the page")
    if re.search(r"url\s*\(|@import", p.style):
        problems.append(f"{where}: the style loads something")
    if p.open_svg != 0:
        problems.append(f"{where}: an <svg> is not closed")
    if len(p.svgs) != charts:
        problems.append(f"{where}: {len(p.svgs)} <svg> for {charts} charts")
    for k, inner in enumerate(p.svgs):
        if inner[:2] != ["title", "desc"]:
            problems.append(f"{where}: chart {k + 1} has no <title> and <desc> first")
    return len(p.svgs)


targets = []
for name in sorted(os.listdir(os.path.join(src, "examples"))):
    plan = os.path.join(src, "examples", name)
    if os.path.isfile(os.path.join(plan, "plan.yaml")):
        targets.append((name, plan, DATES.get(name, "2026-11-21")))
for fixture in ("charts", "hostile-report", "hostile-html", "gaps"):
    targets.append((fixture, os.path.join(src, "tests", "fixtures", fixture), "2026-11-21"))

svgs = 0
for name, plan, as_of in targets:
    markdown = run(plan, "report", "--as-of", as_of)
    page = run(plan, "report", "--as-of", as_of, "--format", "html")
    svgs += check(f"{name} report", page, markdown.count("\n```mermaid\n") + markdown.startswith("```mermaid\n"))
    if run(plan, "report", "--as-of", as_of, "--format", "html") != page:
        problems.append(f"{name}: the HTML report differs between two runs")
    check(f"{name} gap-analysis", run(plan, "gap-analysis", "--as-of", as_of, "--format", "html"), 0)
for p in problems:
    print(p)
print(f"{len(targets)} plans, {svgs} inline charts, {len(problems)} problems")
sys.exit(1 if problems else 0)
