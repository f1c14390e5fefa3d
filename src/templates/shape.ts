/**
 * Tolerant readers over an untrusted template definition: they never throw, whatever the input is. Shared by
 * the validator, the renderer and the send-time checks. @internal
 * @module
 */
import { isRecord } from '../core/record.js';

/** `value` when it is a string (the empty string included), otherwise undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Upper-cased `value` when it is a string (Meta accepts `body` and `BODY`), otherwise undefined. */
export function upper(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toUpperCase() : undefined;
}

/** A short description of a value's type for messages (never the value itself). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Whether a header's `example` holds a media sample: a non-empty `header_handle` list of non-empty strings. */
export function hasHeaderHandle(example: unknown): boolean {
  const handle = isRecord(example) ? example.header_handle : undefined;
  return Array.isArray(handle) && handle.length > 0 && handle.every((x) => typeof x === 'string' && x !== '');
}

/** The component types this module reads. */
export type KnownComponent = 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';

/** Whether an upper-cased component `type` is one this module reads. */
export function isKnownComponent(type: string | undefined): type is KnownComponent {
  return type === 'HEADER' || type === 'BODY' || type === 'FOOTER' || type === 'BUTTONS';
}

/** One component found in the definition, with its position in `components`. */
export interface Located {
  index: number;
  value: Record<string, unknown>;
}

/** The first HEADER, BODY, FOOTER and BUTTONS components of a definition, when present. */
export function componentsOf(template: unknown): Partial<Record<KnownComponent, Located>> {
  const out: Partial<Record<KnownComponent, Located>> = {};
  if (!isRecord(template) || !Array.isArray(template.components)) return out;
  template.components.forEach((c: unknown, index) => {
    if (!isRecord(c)) return;
    const type = upper(c.type);
    if (isKnownComponent(type) && !out[type]) {
      out[type] = { index, value: c };
    }
  });
  return out;
}

/** The buttons of a BUTTONS component, with their upper-cased type; non-objects become `undefined` entries. */
export function buttonsOf(
  component: Located | undefined,
): ({ type: string; value: Record<string, unknown> } | undefined)[] {
  const list = component?.value.buttons;
  if (!Array.isArray(list)) return [];
  return list.map((b: unknown) => (isRecord(b) ? { type: upper(b.type) ?? '', value: b } : undefined));
}

/** How many items a message lists before summarising the rest. */
const LISTED = 10;

/**
 * `items` joined with `separator` for a message, at most {@link LISTED} of them and then "(and N more)", so a
 * message stays short whatever the input holds.
 */
export function listSome(items: readonly string[], separator = ', '): string {
  if (items.length <= LISTED) return items.join(separator);
  return `${items.slice(0, LISTED).join(separator)}${separator}... (and ${items.length - LISTED} more)`;
}

/** `text` for a message: at most 40 characters, the rest elided, so one huge group cannot flood an issue. */
export function quote(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}
