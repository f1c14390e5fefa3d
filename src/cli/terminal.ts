/**
 * Terminal-safe text: user data (CSV cells, template names, webhook bodies, provider answers) is printed with
 * every character that could steer the terminal shown as a visible escape instead. ANSI/OSC sequences start
 * with ESC (C0) or with 8-bit CSI/OSC (C1); BEL ends OSC; CR and LF fake or overwrite lines; bidi controls
 * reorder what is shown. Every line of the CLI that prints user data goes through this module.
 * @module
 */

/** C0 controls, DEL, C1 controls, and the Unicode bidi embedding, override and isolate controls. */
function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * `text` with every control character shown as `\xNN` (C0, DEL, C1) or `\u{NNNN}` (bidi controls); printable
 * text, accents and emoji are kept. One pass; use it on each piece of user data printed to the terminal.
 */
export function terminalSafe(text: unknown): string {
  const s = String(text);
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (!isControl(code)) continue;
    const hex = code.toString(16);
    out += `${s.slice(last, i)}${code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u{${hex}}`}`;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/**
 * `JSON.stringify(value, null, 2)`, with the controls JSON leaves raw (DEL, C1, bidi) written as `\uXXXX`
 * escapes: still valid JSON that parses to the same value, and inert on a terminal (JSON already escapes C0).
 */
export function terminalJson(value: unknown): string {
  const s = JSON.stringify(value, null, 2) ?? 'undefined';
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || !isControl(code)) continue;
    out += `${s.slice(last, i)}\\u${code.toString(16).padStart(4, '0')}`;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}
