#!/usr/bin/env python3
"""Reads Markdown on stdin and checks what a reader relies on: every table
keeps one column count (counted in the source, since renderers silently pad
or cut rows), and no HTML came from the input (cmark-gfm, GitHub's renderer,
marks raw HTML as omitted; only tags it produces itself may appear). Prints
a short summary; exits 1 on a violation."""
import re
import subprocess
import sys

markdown = sys.stdin.read()
html = subprocess.run(["cmark-gfm", "-e", "table"], input=markdown, capture_output=True,
                      text=True, check=True).stdout
allowed = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "code", "pre", "table",
           "thead", "tbody", "tr", "th", "td", "a", "br", "hr", "blockquote", "del"}
problems = []
for tag in re.findall(r"</?([a-zA-Z0-9]+)", html):
    if tag.lower() not in allowed:
        problems.append(f"raw HTML tag <{tag}> in the output")
if "raw HTML omitted" in html:
    problems.append("raw HTML in the Markdown (rendered as 'raw HTML omitted')")
tables = re.findall(r"<table>.*?</table>", html, re.S)
# Column counts in the source: unescaped pipes per line of each table block.
block = []
for line in markdown.split("\n") + [""]:
    if line.startswith("|"):
        block.append(len(re.findall(r"(?<!\\)\|", line)))
        continue
    if block and len(set(block)) != 1:
        problems.append(f"a table has rows of different widths: {sorted(set(block))}")
    block = []
for p in problems:
    print(p)
print(f"{len(tables)} tables, {len(re.findall(r'<h[1-4]>', html))} headings, {len(problems)} problems")
sys.exit(1 if problems else 0)
