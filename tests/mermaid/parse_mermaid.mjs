#!/usr/bin/env node
// Parses every Mermaid block of Markdown files with Mermaid's own parser.
//
//   node tests/mermaid/parse_mermaid.mjs [--verbose] FILE.md [FILE.md ...]   ('-' reads stdin)
//
// A block starts at a line that is exactly "```mermaid" and ends at the next
// line that is exactly "```". Each block goes through `mermaid.parse`, which
// detects the diagram type, runs that diagram's grammar and fills its db (for
// xychart-beta: titles, axes, series). Rendering is not done: what only the
// renderer would reject (none known for xychart) is not caught here.
//
// Output: one line per refused block on stdout,
//   FILE:LINE: mermaid cannot parse this block: MESSAGE
// where LINE is the line of the opening fence and MESSAGE is the first line of
// Mermaid's message (for a grammar error, followed by its "Expecting ..., got
// ..." line; "line N" in it counts from the line after the fence). --verbose
// also prints Mermaid's whole message, indented, under each of those lines.
// Then a summary on stderr: "N mermaid blocks, M refused".
//
// Exit status: 0 all blocks parse; 1 a block is refused or a fence is not
// closed; 2 usage error or a file cannot be read.
//
// Needs `npm ci --prefix tests/mermaid` (scripts/install-test-deps.sh does it).

import { readFileSync } from 'node:fs';
import process from 'node:process';

const USAGE = 'usage: node tests/mermaid/parse_mermaid.mjs [--verbose] FILE.md [FILE.md ...]  (- for stdin)';

function usageError(message) {
  if (message) process.stderr.write(`parse_mermaid: ${message}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

// --- arguments -------------------------------------------------------------
let verbose = false;
const files = [];
{
  let options = true;
  for (const arg of process.argv.slice(2)) {
    if (options && arg === '--') { options = false; continue; }
    if (options && (arg === '-h' || arg === '--help')) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (options && arg === '--verbose') { verbose = true; continue; }
    if (options && arg.startsWith('-') && arg !== '-') usageError(`unknown option ${arg}`);
    files.push(arg);
  }
  if (files.length === 0) usageError('no file given');
  if (files.filter((f) => f === '-').length > 1) usageError('stdin (-) given more than once');
}

// --- Mermaid in Node -------------------------------------------------------
// Mermaid sanitizes labels with DOMPurify, which needs a window when the
// module is first loaded; jsdom gives it one. Nothing is rendered.
const { JSDOM, VirtualConsole } = await import('jsdom');
const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
  virtualConsole: new VirtualConsole(),
});
globalThis.window = window;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

// --- blocks ----------------------------------------------------------------
// Returns { blocks: [{ line, text }], unclosed: [line] }; lines are 1-based.
function extractBlocks(content) {
  const lines = content.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const blocks = [];
  const unclosed = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```mermaid') continue;
    let j = i + 1;
    while (j < lines.length && lines[j] !== '```') j++;
    if (j >= lines.length) {
      unclosed.push(i + 1);
      break;
    }
    blocks.push({ line: i + 1, text: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return { blocks, unclosed };
}

function errorText(err) {
  if (err && typeof err.message === 'string') return err.message;
  if (err && typeof err.str === 'string') return err.str;
  return String(err);
}

// First line of Mermaid's message; a grammar error's first line is only
// "Parse error on line N:", so its "Expecting ..., got ..." line is added.
function summarize(message) {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return '(no message)';
  let first = lines[0];
  if (first.endsWith(':')) {
    const expecting = lines.find((l) => l.startsWith('Expecting ') || l.startsWith('Unexpected '));
    if (expecting) first = `${first} ${expecting}`;
  }
  return first;
}

function readInput(file) {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    process.stderr.write(`parse_mermaid: cannot read ${file}: ${err.message}\n`);
    process.exit(2);
  }
}

let total = 0;
let refused = 0;
let unclosedCount = 0;
const out = [];
for (const file of files) {
  const name = file === '-' ? '<stdin>' : file;
  const { blocks, unclosed } = extractBlocks(readInput(file));
  for (const block of blocks) {
    total++;
    try {
      await mermaid.parse(block.text);
    } catch (err) {
      refused++;
      const message = errorText(err);
      out.push(`${name}:${block.line}: mermaid cannot parse this block: ${summarize(message)}`);
      if (verbose) for (const l of message.split('\n')) out.push(`    ${l}`);
    }
  }
  for (const line of unclosed) {
    unclosedCount++;
    out.push(`${name}:${line}: mermaid block is not closed (no line "\`\`\`" after it)`);
  }
}
if (out.length) process.stdout.write(`${out.join('\n')}\n`);
process.stderr.write(
  `${total} mermaid block${total === 1 ? '' : 's'}, ${refused} refused` +
    (unclosedCount ? `, ${unclosedCount} not closed` : '') + '\n',
);
process.exitCode = refused || unclosedCount ? 1 : 0;
