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
/** A single-brace group that is clearly a broken variable (`{1}`, `{#1}`). */
const SINGLE_BRACE_VARIABLE = /^\s*[#$%]?\s*[0-9]+\s*$/;

/** Number of code points in `text` (what Meta counts), not UTF-16 units: `'😀'` is 1. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Scans `text` for brace groups and classifies each: `positional` (`{{1}}`), `named` (`{{first_name}}`),
 * `special` (`{{#1}}`, `#`, `$` or `%` inside) or `malformed` (`{{1}`, `{1}}`, `{{ }}`, `{{{1}}}`, an unclosed
 * `{{`, `{{First Name}}`). Single braces around ordinary text (`{like this}`) are left alone.
 */
export function scanPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  const runs = /\{+[^{}]*\}+/g;
  let masked = '';
  let last = 0;
  for (let m = runs.exec(text); m !== null; m = runs.exec(text)) {
    const raw = m[0];
    const open = raw.length - raw.replace(/^\{+/, '').length;
    const close = raw.length - raw.replace(/\}+$/, '').length;
    const inner = raw.slice(open, raw.length - close);
    const start = m.index;
    const end = start + raw.length;
    masked += text.slice(last, start) + ' '.repeat(raw.length);
    last = end;
    let kind: PlaceholderKind | undefined;
    if (open === 2 && close === 2) {
      if (POSITIONAL.test(inner)) kind = 'positional';
      else if (NAMED.test(inner)) kind = 'named';
      else if (SPECIAL.test(inner)) kind = 'special';
      else kind = 'malformed';
    } else if (open >= 2 || close >= 2) {
      kind = SPECIAL.test(inner) && open === close ? 'special' : 'malformed';
    } else if (SINGLE_BRACE_VARIABLE.test(inner)) {
      kind = 'malformed';
    }
    if (kind) found.push({ kind, raw, name: inner, start, end });
  }
  masked += text.slice(last);
  // Unpaired double braces left over: `{{1 and more text`, `text 1}}`.
  const stray = /\{\{|\}\}/g;
  for (let m = stray.exec(masked); m !== null; m = stray.exec(masked)) {
    found.push({ kind: 'malformed', raw: m[0], name: '', start: m.index, end: m.index + 2 });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The well-formed variables (`positional` and `named`) of `text`, in order of appearance. */
export function variablesOf(text: string): Placeholder[] {
  return scanPlaceholders(text).filter((p) => p.kind === 'positional' || p.kind === 'named');
}

/**
 * Replaces each well-formed variable using `lookup`; a variable `lookup` returns `undefined` for is kept as
 * written, so a preview shows what is still missing.
 */
export function fillPlaceholders(
  text: string,
  lookup: (variable: Placeholder) => string | undefined,
): string {
  let out = '';
  let last = 0;
  for (const v of variablesOf(text)) {
    const value = lookup(v);
    out += text.slice(last, v.start) + (value === undefined ? v.raw : value);
    last = v.end;
  }
  return out + text.slice(last);
}
