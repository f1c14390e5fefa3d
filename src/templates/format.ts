/**
 * WhatsApp text formatting: `*bold*`, `_italic_`, `~strikethrough~` and ```` ```monospace``` ```` (WhatsApp's
 * formatting syntax, also listed in CleverTap's template guide). A marker only formats when it touches
 * non-space characters, so surrounding whitespace is kept outside the markers.
 * @module
 */

/**
 * `text` with `marker` around its non-space part. `trimStart`/`trimEnd` strip exactly what `\s` matches, in one
 * pass each (a lazy regex such as `^(\s*)([\s\S]*?)(\s*)$` is quadratic on long runs of inner spaces).
 */
function wrap(marker: string, text: string): string {
  const s = String(text);
  const start = s.length - s.trimStart().length;
  if (start === s.length) return s;
  const end = s.trimEnd().length;
  return `${s.slice(0, start)}${marker}${s.slice(start, end)}${marker}${s.slice(end)}`;
}

/**
 * `*text*`.
 * @example
 * ```ts
 * `Your code is ${bold('123456')}` // 'Your code is *123456*'
 * ```
 */
export function bold(text: string): string {
  return wrap('*', text);
}

/** `_text_`. */
export function italic(text: string): string {
  return wrap('_', text);
}

/** `~text~` (strikethrough). */
export function strike(text: string): string {
  return wrap('~', text);
}

/** ```` ```text``` ```` (monospace). */
export function monospace(text: string): string {
  return wrap('```', text);
}
