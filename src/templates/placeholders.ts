/**
 * Finding `{{...}}` variables in template text, tolerant of any input. Pure; shared by the validator, the
 * renderer and the send-time checks.
 * @module
 */

/** What a brace group turned out to be. */
export type PlaceholderKind = 'positional' | 'named' | 'special' | 'malformed';

/** One brace group found in a text. */
export interface Placeholder {
  kind: PlaceholderKind;
  /** The group as written, e.g. `{{1}}`, `{{first_name}}`, `{{1}`. */
  raw: string;
  /** For `positional`: the number as a string; for `named`: the name; otherwise the inner text. */
  name: string;
  /** Offset of the first brace in the text (UTF-16 index). */
  start: number;
  /** Offset just past the last brace. */
  end: number;
}

const POSITIONAL = /^[1-9][0-9]*$/;
const NAMED = /^[a-z_][a-z0-9_]*$/;
const SPECIAL = /[#$%]/;
/** A single-brace group that is clearly a broken variable (`{1}`, `{#1}`), tested on the trimmed inner text. */
const SINGLE_BRACE_VARIABLE = /^[#$%]?\s*[0-9]+$/;

/** Number of code points in `text` (what Meta counts), not UTF-16 units: `'😀'` is 1. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const OPEN = 123; // {
const CLOSE = 125; // }

/** Index of the first `{` or `}` at or after `from`, or `text.length`. */
function nextBrace(text: string, from: number): number {
  let i = from;
  // Stryker disable next-line EqualityOperator: one step past the end returns `text.length + 1`, which every caller reads as "no brace" (`>= text.length`) as it does `text.length`.
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === OPEN || c === CLOSE) return i;
    i++;
  }
  return i;
}

/** End of the run of `code` characters starting at `from` (past the end `charCodeAt` is NaN, which ends it). */
function runEnd(text: string, from: number, code: number): number {
  let i = from;
  while (text.charCodeAt(i) === code) i++;
  return i;
}

function classify(open: number, close: number, inner: string): PlaceholderKind | undefined {
  if (open === 2 && close === 2) {
    if (POSITIONAL.test(inner)) return 'positional';
    if (NAMED.test(inner)) return 'named';
    return SPECIAL.test(inner) ? 'special' : 'malformed';
  }
  if (open >= 2 || close >= 2) return SPECIAL.test(inner) && open === close ? 'special' : 'malformed';
  return SINGLE_BRACE_VARIABLE.test(inner.trim()) ? 'malformed' : undefined;
}

/** Unpaired `{{` / `}}` in `text[from, to)` (outside every brace group), paired left to right. */
function strayPairs(text: string, from: number, to: number, out: Placeholder[]): void {
  let i = from;
  while (i + 1 < to) {
    const c = text.charCodeAt(i);
    if ((c === OPEN || c === CLOSE) && text.charCodeAt(i + 1) === c) {
      out.push({ kind: 'malformed', raw: c === OPEN ? '{{' : '}}', name: '', start: i, end: i + 2 });
      i += 2;
    } else i++;
  }
}

/**
 * Calls `group(start, innerStart, innerEnd, end)` for each brace group of `text` in order: a run of `{`, text
 * without braces, then a run of `}` (the regex `/\{+[^{}]*\}+/g`, in one pass). A run of `{` that reaches another
 * `{` or the end first starts no group, and neither does any `{` inside it (each would reach the same place),
 * so the walk skips to that point: linear in the length of the text.
 */
export function forEachBraceGroup(
  text: string,
  group: (start: number, innerStart: number, innerEnd: number, end: number) => void,
): void {
  let i = nextBrace(text, 0);
  while (i < text.length) {
    if (text.charCodeAt(i) === CLOSE) {
      i = nextBrace(text, runEnd(text, i, CLOSE));
      continue;
    }
    const innerStart = runEnd(text, i, OPEN);
    const innerEnd = nextBrace(text, innerStart);
    // At the end of the text `charCodeAt` is NaN: no `}`, no group.
    if (text.charCodeAt(innerEnd) === CLOSE) {
      const end = runEnd(text, innerEnd, CLOSE);
      group(i, innerStart, innerEnd, end);
      i = nextBrace(text, end);
    } else i = innerEnd;
  }
}

/**
 * Scans `text` for brace groups and classifies each: `positional` (`{{1}}`), `named` (`{{first_name}}`),
 * `special` (`{{#1}}`, `#`, `$` or `%` inside) or `malformed` (`{{1}`, `{1}}`, `{{ }}`, `{{{1}}}`, an unclosed
 * `{{`, `{{First Name}}`). Single braces around ordinary text (`{like this}`) are left alone.
 *
 * A group is a run of `{`, text without braces, then a run of `}`; double braces outside every group are
 * reported one pair at a time. Linear in the length of `text` whatever it holds (a run of a million `{`
 * included).
 */
export function scanPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  // Typed callers pass a string (returned as is); anything else is read as its string form rather than throwing.
  const s = String(text);
  let gap = 0;
  forEachBraceGroup(s, (start, innerStart, innerEnd, end) => {
    strayPairs(s, gap, start, found);
    gap = end;
    const inner = s.slice(innerStart, innerEnd);
    const kind = classify(innerStart - start, end - innerEnd, inner);
    if (kind) found.push({ kind, raw: s.slice(start, end), name: inner, start, end });
  });
  strayPairs(s, gap, s.length, found);
  // Stray pairs of each gap are pushed before the group that ends it: `found` is in order of `start`.
  return found;
}

/** The well-formed variables (`positional` and `named`) of `text`, in order of appearance. */
export function variablesOf(text: string): Placeholder[] {
  return scanPlaceholders(text).filter((p) => p.kind === 'positional' || p.kind === 'named');
}

/**
 * The most UTF-16 units a rendered text holds (header, body, URL, preview): far above anything WhatsApp shows
 * (a body is at most 1024 characters) and far below the engine's string limit, which a long value in many
 * variables would otherwise exceed.
 */
export const RENDERED_TEXT_CAP = 65_536;

/** Appends pieces up to a cap; past it, the rest is dropped and `truncated` is set. */
export class CappedText {
  #text = '';
  #truncated = false;
  constructor(readonly cap: number = RENDERED_TEXT_CAP) {}

  /** Appends `piece`, or as much of it as fits (never half of a surrogate pair). */
  append(piece: string): void {
    if (this.#truncated) return;
    const room = this.cap - this.#text.length;
    if (piece.length <= room) {
      this.#text += piece;
      return;
    }
    let cut = room;
    // A high surrogate just before the cut would be left without its pair (at `room` 0 the code is NaN).
    const code = piece.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    this.#text += piece.slice(0, cut);
    this.#truncated = true;
  }

  get text(): string {
    return this.#text;
  }

  /** Whether something was dropped. */
  get truncated(): boolean {
    return this.#truncated;
  }
}

/** A text with its variables filled, capped at {@link RENDERED_TEXT_CAP}. */
export interface FilledText {
  text: string;
  /** Whether the text was cut at the cap. */
  truncated: boolean;
}

/**
 * Replaces each well-formed variable using `lookup`; a variable `lookup` returns `undefined` for is kept as
 * written, so a preview shows what is still missing. The result is cut at `cap` UTF-16 units (reported as
 * `truncated`), so the work is bounded by the input and the cap whatever the values are.
 */
export function fillPlaceholders(
  text: string,
  lookup: (variable: Placeholder) => string | undefined,
  cap: number = RENDERED_TEXT_CAP,
): FilledText {
  const out = new CappedText(cap);
  let last = 0;
  for (const v of variablesOf(text)) {
    if (out.truncated) break;
    out.append(text.slice(last, v.start));
    const value = lookup(v);
    out.append(value === undefined ? v.raw : value);
    last = v.end;
  }
  out.append(text.slice(last));
  return { text: out.text, truncated: out.truncated };
}

/**
 * Code points of `text` with its variables filled, computed without building the filled text (so a long value
 * in many variables costs its length once, not once per use). Values are measured once per variable.
 */
export function filledLength(text: string, lookup: (variable: Placeholder) => string | undefined): number {
  const measured = new Map<string, number>();
  let length = 0;
  let last = 0;
  for (const v of variablesOf(text)) {
    length += codePointLength(text.slice(last, v.start));
    const key = `${v.kind}:${v.name}`;
    let size = measured.get(key);
    if (size === undefined) {
      const value = lookup(v);
      size = codePointLength(value === undefined ? v.raw : value);
      measured.set(key, size);
    }
    length += size;
    last = v.end;
  }
  return length + codePointLength(text.slice(last));
}
