#!/usr/bin/env python3
"""Each example's HTML report opened in a real headless browser (Debian's chromium):
printed to PDF and read back with poppler-utils, and photographed.

  print_check.py BINARY SOURCE_DIR OUT_DIR

- every page of the PDF is at most A4 wide (and, with --paper letter, Letter size);
- the title of every objective is in the PDF's text (pdftotext);
- the 4p1000 report's part before its annexes is at most 12 pages;
- a screenshot of the first screen (OUT_DIR/NAME.png, not committed) is neither
  empty nor blank: enough of it is ink, in more than one shade.
Exits 1 on any problem; 77 (skipped) when chromium or poppler-utils is missing."""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zlib

binary, src, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium or not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
    print("chromium or poppler-utils missing: run scripts/install-test-deps.sh")
    sys.exit(77)
os.makedirs(out_dir, exist_ok=True)
env = dict(os.environ, SOURCE_DATE_EPOCH="1795219200", NO_COLOR="1")
DATES = {"4p1000": "2026-11-21", "cartagena-capacity-building": "2016-12-31",
         "cms-capacity-building-2012-2014": "2014-12-31", "mountain-partnership-cusco": "2007-12-31"}
A4_WIDTH, LETTER = 595.3, (612.0, 792.0)
problems = []


def browser(*args):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
                       capture_output=True, timeout=120, check=False)


def page_sizes(pdf):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", pdf], capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", info)]


def text_of(pdf, page=None):
    args = ["pdftotext", "-enc", "UTF-8"] + (["-f", str(page), "-l", str(page)] if page else []) + [pdf, "-"]
    return subprocess.run(args, capture_output=True, text=True).stdout


def normal(text):
    return " ".join(unicodedata.normalize("NFKC", text).split())


def png_pixels(path):
    """(width, height, bytes per pixel, rows of raw bytes) of an 8-bit RGB/RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = {2: 3, 6: 4}.get(colour)
    if depth != 8 or not bpp:
        return None
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def check_screenshot(name, path):
    decoded = png_pixels(path) if os.path.exists(path) else None
    if not decoded:
        problems.append(f"{name}: no readable screenshot")
        return
    width, height, bpp, rows = decoded
    ink = shades = 0
    seen = set()
    for row in rows[::4]:
        for x in range(0, width * bpp, bpp * 4):
            r, g, b = row[x], row[x + 1], row[x + 2]
            seen.add((r // 32, g // 32, b // 32))
            ink += (r + g + b) < 600
    samples = len(rows[::4]) * len(range(0, width * bpp, bpp * 4))
    if ink / samples < 0.01 or len(seen) < 2:
        problems.append(f"{name}: the first screen is blank ({ink} of {samples} samples inked)")


pages = 0
for name in sorted(os.listdir(os.path.join(src, "examples"))):
    plan = os.path.join(src, "examples", name)
    if not os.path.isfile(os.path.join(plan, "plan.yaml")):
        continue
    as_of = DATES.get(name, "2026-11-21")
    html = os.path.join(out_dir, f"{name}.html")
    pdf = os.path.join(out_dir, f"{name}.pdf")
    subprocess.run([binary, "-C", plan, "report", "--as-of", as_of, "-o", html], env=env, capture_output=True)
    report = json.loads(subprocess.run([binary, "-C", plan, "report", "--as-of", as_of, "--format", "json"],
                                       env=env, capture_output=True).stdout)
    browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", f"file://{os.path.abspath(html)}")
    sizes = page_sizes(pdf) if os.path.exists(pdf) else []
    if not sizes:
        problems.append(f"{name}: chromium printed no PDF")
        continue
    pages += len(sizes)
    for k, (w, h) in enumerate(sizes, 1):
        if w > A4_WIDTH:
            problems.append(f"{name}: page {k} is {w} pt wide, wider than A4")
    text = normal(text_of(pdf))
    for o in report["objectives"]:
        if normal(o["title"]) not in text:
            problems.append(f"{name}: objective {o['id']} ({o['title']!r}) is not in the PDF's text")
    before = next((k - 1 for k in range(1, len(sizes) + 1)
                   if re.search(r"^Annex A", text_of(pdf, k), re.M)), None)
    if before is None:
        problems.append(f"{name}: no page starts Annex A")
    elif name == "4p1000" and before > 12:
        problems.append(f"{name}: {before} pages before the annexes (at most 12)")
    print(f"{name}: {len(sizes)} pages, {before} before the annexes")
    shot = os.path.join(out_dir, f"{name}.png")
    browser("--window-size=1240,1754", f"--screenshot={shot}", f"file://{os.path.abspath(html)}")
    check_screenshot(name, shot)

# Letter paper: the same report on US Letter pages.
plan = os.path.join(src, "examples", "4p1000")
html, pdf = os.path.join(out_dir, "4p1000-letter.html"), os.path.join(out_dir, "4p1000-letter.pdf")
subprocess.run([binary, "-C", plan, "report", "--paper", "letter", "-o", html], env=env, capture_output=True)
browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", f"file://{os.path.abspath(html)}")
letter = page_sizes(pdf) if os.path.exists(pdf) else []
if not letter or any(abs(w - LETTER[0]) > 1 or abs(h - LETTER[1]) > 1 for w, h in letter):
    problems.append(f"4p1000 --paper letter: pages {sorted(set(letter))[:3]}, not Letter")

for p in problems:
    print(p)
print(f"{pages} A4 pages printed and read back, {len(problems)} problems")
sys.exit(1 if problems else 0)
