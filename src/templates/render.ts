/**
 * `renderTemplate`: the text a recipient would see for a definition and a set of send-time parameters.
 * @module
 */
import type { TemplateMessage } from '../core/message.js';
import { isRecord } from '../core/record.js';
import { effectiveBodyText, valueText } from './params-components.js';
import { CappedText, fillPlaceholders, type Placeholder, RENDERED_TEXT_CAP } from './placeholders.js';
import { asString, buttonsOf, componentsOf, upper } from './shape.js';

/**
 * Send-time parameters, shaped like the core `TemplateMessage` (`header`, `body` as an array for `{{1}}..` or a
 * record for named variables, `buttons` by 0-based index). A whole `TemplateMessage` is accepted too.
 */
export type TemplateParams = Partial<TemplateMessage>;

/**
 * One rendered button.
 * @inline
 */
export interface RenderedButton {
  /** The definition's button type, e.g. `QUICK_REPLY`, `URL`, `PHONE_NUMBER`, `COPY_CODE`. */
  type: string;
  /** The label shown. */
  text: string;
  /** URL buttons: the URL with its variable filled in. */
  url?: string;
  /** Phone buttons: the number dialled. */
  phoneNumber?: string;
  /** Quick replies: the payload sent back on tap, when given. */
  payload?: string;
  /** Copy-code buttons: the code copied, when given. */
  code?: string;
}

/**
 * What a recipient would see. Variables without a value stay as written (`{{2}}`). Each rendered text (header,
 * body, URL, `text`) is cut at 65 536 UTF-16 units; `truncated` says when that happened.
 * @inline
 */
export interface RenderedTemplate {
  /** The header text, for TEXT headers. */
  header?: string;
  /** The header media or location format (`IMAGE`, `VIDEO`, `GIF`, `DOCUMENT`, `LOCATION`), for non-text headers. */
  headerFormat?: string;
  body: string;
  footer?: string;
  buttons: RenderedButton[];
  /** Header, body, footer and button labels as one plain-text preview. */
  text: string;
  /**
   * `true` when some text was cut at the cap of 65 536 UTF-16 units (values so long, or a definition so large,
   * that no WhatsApp message could show it); absent otherwise.
   */
  truncated?: true;
}

/** Looks a variable up in positional (array) or named (record) parameters. */
export function lookupParam(body: TemplateParams['body'], v: Placeholder): string | undefined {
  if (body === undefined || body === null || typeof body !== 'object') return undefined;
  const value: unknown = Array.isArray(body)
    ? v.kind === 'positional'
      ? body[Number(v.name) - 1]
      : undefined
    : v.kind === 'named' && Object.hasOwn(body, v.name)
      ? (body as Record<string, unknown>)[v.name]
      : undefined;
  // `currency` / `date_time` values show their fallback text, as Meta renders them.
  const text = valueText(value);
  return typeof text === 'string' ? text : undefined;
}

function headerText(params: TemplateParams | undefined): string | undefined {
  const header: unknown = isRecord(params) ? params.header : undefined;
  return isRecord(header) && header.type === 'text' ? asString(header.text) : undefined;
}

/**
 * Renders a template definition with send-time parameters into the text a recipient would see: header, body and
 * footer with variables filled, and each button's label (plus the filled URL, phone number, payload or code).
 * Meant for previews, logs and tests; it never throws, and variables without a value are left as written.
 *
 * @example
 * ```ts
 * import { renderTemplate } from 'waba-kit/templates';
 *
 * const { text } = renderTemplate(definition, { body: ['Ana', 'A-1042'] });
 * // "Hi Ana, order A-1042 has shipped."
 * ```
 */
export function renderTemplate(template: unknown, params: TemplateParams = {}): RenderedTemplate {
  const c = componentsOf(template);
  const out: RenderedTemplate = { body: '', buttons: [], text: '' };
  let truncated = false;
  const fill = (text: string, lookup: (v: Placeholder) => string | undefined): string => {
    const filled = fillPlaceholders(text, lookup);
    truncated ||= filled.truncated;
    return filled.text;
  };
  const header = c.HEADER?.value;
  if (header) {
    const format = upper(header.format) ?? 'TEXT';
    const text = asString(header.text);
    if (format === 'TEXT' && text !== undefined) {
      const value = headerText(params);
      out.header = fill(text, () => value);
    } else if (format !== 'TEXT') out.headerFormat = format;
  }
  const p: TemplateParams = isRecord(params) ? params : {};
  // An AUTHENTICATION template's body is Meta's fixed text around the code.
  const body = c.BODY ? effectiveBodyText(template, c.BODY.value) : undefined;
  if (body) out.body = fill(body, (v) => lookupParam(p.body, v));
  const footer = asString(c.FOOTER?.value.text);
  if (footer !== undefined) out.footer = capped(footer, () => (truncated = true));
  // The first parameter given for each button index (one pass, not one search per button).
  const given = new Map<number, Record<string, unknown>>();
  if (Array.isArray(p.buttons)) {
    for (const g of p.buttons as unknown[]) {
      if (isRecord(g) && typeof g.index === 'number' && !given.has(g.index)) given.set(g.index, g);
    }
  }
  buttonsOf(c.BUTTONS).forEach((b, index) => {
    if (!b) return;
    const param = given.get(index);
    const rendered: RenderedButton = { type: b.type, text: asString(b.value.text) ?? '' };
    if (b.type === 'URL') {
      const url = asString(b.value.url);
      const suffix = param?.type === 'url' ? asString(param.text) : undefined;
      if (url !== undefined) rendered.url = fill(url, () => suffix);
    } else if (b.type === 'PHONE_NUMBER') {
      const phone = asString(b.value.phone_number);
      if (phone !== undefined) rendered.phoneNumber = phone;
    } else if (
      b.type === 'QUICK_REPLY' &&
      param?.type === 'quick_reply' &&
      typeof param.payload === 'string'
    ) {
      rendered.payload = param.payload;
    } else if (b.type === 'OTP') {
      if (!rendered.text) rendered.text = 'Copy code';
      if (param?.type === 'url' && typeof param.text === 'string') rendered.code = param.text;
    } else if (b.type === 'COPY_CODE') {
      if (!rendered.text) rendered.text = 'Copy code';
      if (param?.type === 'copy_code' && typeof param.code === 'string') rendered.code = param.code;
    }
    out.buttons.push(rendered);
  });
  const preview = new CappedText();
  const part = (piece: string | undefined): void => {
    if (piece === undefined || piece === '') return;
    if (preview.text !== '') preview.append('\n\n');
    preview.append(piece);
  };
  part(out.header ?? (out.headerFormat ? `[${out.headerFormat}]` : undefined));
  part(out.body);
  part(out.footer);
  for (let i = 0; i < out.buttons.length && !preview.truncated; i++) {
    const label = `[ ${out.buttons[i]?.text} ]`;
    if (i === 0) part(label);
    else preview.append(`\n${label}`);
  }
  out.text = preview.text;
  if (truncated || preview.truncated) out.truncated = true;
  return out;
}

/** `text` cut at the rendering cap; calls `cut` when it had to. */
function capped(text: string, cut: () => void): string {
  if (text.length <= RENDERED_TEXT_CAP) return text;
  const out = new CappedText();
  out.append(text);
  cut();
  return out.text;
}
