/**
 * WhatsApp text formatting: `*bold*`, `_italic_`, `~strikethrough~` and ```` ```monospace``` ```` (WhatsApp's
 * formatting syntax, also listed in CleverTap's template guide). A marker only formats when it touches
 * non-space characters, so surrounding whitespace is kept outside the markers.
 * @module
 */

function wrap(marker: string, text: string): string {
  const s = String(text);
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(s);
  const [, lead = '', core = '', trail = ''] = match ?? [];
  return core === '' ? s : `${lead}${marker}${core}${marker}${trail}`;
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
