/**
 * `validateTemplate`: checks a template definition (Meta's create-template JSON) against a rule profile and
 * reports every problem at once, without ever throwing on malformed input.
 * @module
 */
import { ConfigError, type Issue, TemplateError } from '../core/errors.js';
import type { ProviderId } from '../core/provider.js';
import { isRecord } from '../core/record.js';
import { TEMPLATE_LANGUAGES } from './languages.js';
import { codePointLength, forEachBraceGroup, type Placeholder, scanPlaceholders } from './placeholders.js';
import { TEMPLATE_PROFILES, type TemplateProfileName, type TemplateRules } from './profiles.js';
import {
  checkAuthentication,
  checkButtonGrouping,
  checkCarousel,
  checkLimitedTimeOffer,
  findComponents,
  type RuleContext,
} from './rules/index.js';
import {
  asString,
  componentsOf,
  describe,
  hasHeaderHandle,
  isKnownComponent,
  type Located,
  listSome,
  quote,
  upper,
} from './shape.js';
import type {
  TemplateDefinition,
  TemplateIssue,
  TemplateIssueCode,
  TemplateIssueSeverity,
  TemplateValidationResult,
} from './types.js';

/**
 * Options of {@link validateTemplate}.
 * @inline
 */
export interface ValidateTemplateOptions {
  /** `strict` (default, the CleverTap BSP rules), `meta` (Meta's current numbers), or your own rules. */
  profile?: TemplateProfileName | TemplateRules | undefined;
  /** Accepted language codes. Default {@link TEMPLATE_LANGUAGES}. */
  languages?: readonly string[] | undefined;
}

type Path = (string | number)[];

const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'GIF', 'DOCUMENT', 'LOCATION'];
const MEDIA_FORMATS = ['IMAGE', 'VIDEO', 'GIF', 'DOCUMENT'];
/** Component types Meta defines that this validator does not check (carousel cards, offers, ...). */
const OTHER_META_COMPONENTS = ['CAROUSEL', 'LIMITED_TIME_OFFER', 'CALL_PERMISSION_REQUEST'];
/** Button types whose label Meta fixes itself, so `text` is optional. */
const TEXT_OPTIONAL_BUTTONS = ['COPY_CODE', 'OTP'];
const E164 = /^\+[1-9][0-9]{7,14}$/;
const EMOJI = /\p{Extended_Pictographic}/u;

function resolveRules(profile: ValidateTemplateOptions['profile']): TemplateRules {
  if (profile === undefined) return TEMPLATE_PROFILES.strict;
  if (typeof profile === 'string') {
    const rules = (TEMPLATE_PROFILES as Record<string, TemplateRules | undefined>)[profile];
    if (rules && Object.hasOwn(TEMPLATE_PROFILES, profile)) return rules;
  } else if (isRecord(profile) && typeof profile.bodyMaxLength === 'number') {
    return profile;
  }
  const message = `Unknown template profile: use 'strict', 'meta' or a TemplateRules object (e.g. { ...TEMPLATE_PROFILES.meta, bodyMaxLength: 1000 }).`;
  throw new ConfigError(message, {
    issues: [{ code: 'template.profile_unknown', path: ['profile'], message }],
  });
}

class Collector {
  readonly issues: TemplateIssue[] = [];
  add(code: TemplateIssueCode, path: Path, message: string, severity: TemplateIssueSeverity = 'error'): void {
    this.issues.push({ code, path, message, severity });
  }
}

/** How many malformed or special-character groups one text reports one by one before summarising the rest. */
const PLACEHOLDER_ISSUES_LISTED = 20;

/**
 * Reports malformed and special-character groups (the first {@link PLACEHOLDER_ISSUES_LISTED} one by one, the
 * rest in one summary issue of the same code); returns the well-formed variables.
 */
function checkPlaceholders(found: Placeholder[], path: Path, where: string, out: Collector): Placeholder[] {
  let listed = 0;
  const more = { 'variable.special_characters': 0, 'variable.malformed': 0 };
  for (const p of found) {
    if (p.kind !== 'special' && p.kind !== 'malformed') continue;
    if (listed >= PLACEHOLDER_ISSUES_LISTED) {
      more[p.kind === 'special' ? 'variable.special_characters' : 'variable.malformed']++;
      continue;
    }
    listed++;
    if (p.kind === 'special') {
      out.add(
        'variable.special_characters',
        path,
        `${where}: "${quote(p.raw)}" has a special character; variables cannot contain #, $ or %. Write {{1}} (or {{name}} for named variables) and move the symbol outside the braces.`,
      );
    } else {
      out.add(
        'variable.malformed',
        path,
        `${where}: "${quote(p.raw)}" is not a well-formed variable. Write variables with two braces on each side and no spaces: {{1}}, {{2}}, ... or {{first_name}} (lowercase letters, digits, underscores).`,
      );
    }
  }
  for (const [code, n] of Object.entries(more) as [TemplateIssueCode, number][]) {
    if (n > 0) {
      out.add(
        code,
        path,
        `${where}: ${n} more ${code === 'variable.malformed' ? 'malformed brace groups' : 'variables with special characters'} (only the first ${PLACEHOLDER_ISSUES_LISTED} problems are listed one by one).`,
      );
    }
  }
  return found.filter((p) => p.kind === 'positional' || p.kind === 'named');
}

/** Positional variables of one component must be 1..n with no gaps; first use out of order is a warning. */
function checkSequence(vars: Placeholder[], path: Path, where: string, out: Collector): void {
  const numbers = vars.filter((v) => v.kind === 'positional').map((v) => Number(v.name));
  if (numbers.length === 0) return;
  const distinct = [...new Set(numbers)];
  const sorted = [...distinct].sort((a, b) => a - b);
  const expected = sorted.map((_, i) => i + 1);
  if (sorted.some((n, i) => n !== expected[i])) {
    const present = new Set(distinct);
    const missing = expected.filter((n) => !present.has(n));
    const braces = (list: number[]) => listSome(list.map((n) => `{{${n}}}`));
    out.add(
      'variable.not_sequential',
      path,
      `${where}: variables must be numbered {{1}} to {{${sorted.length}}} with no gaps; found ${braces(sorted)}${missing.length > 0 ? ` (missing ${braces(missing)})` : ''}. Renumber them from {{1}}.`,
    );
  } else if (distinct.some((n, i) => i > 0 && n < (distinct[i - 1] ?? 0))) {
    out.add(
      'variable.not_sequential',
      path,
      `${where}: variables first appear out of order (${listSome(distinct.map((n) => `{{${n}}}`))}); reviewers may reject this. Number them in reading order.`,
      'warning',
    );
  }
}

/** The variable names of a component: numbers for positional, names for named; deduplicated, in order. */
function distinctNames(vars: Placeholder[]): string[] {
  return [...new Set(vars.map((v) => v.name))];
}

function checkNamedExamples(
  names: string[],
  list: unknown,
  path: Path,
  field: string,
  where: string,
  out: Collector,
): void {
  if (!Array.isArray(list) || list.length === 0) {
    out.add(
      'example.missing',
      path,
      `${where}: named variables need examples in example.${field}: [{ param_name: "${names[0]}", example: "..." }], one per variable.`,
    );
    return;
  }
  const given = new Map<string, unknown>();
  const known = new Set(names);
  list.forEach((entry: unknown, i) => {
    const name = isRecord(entry) ? asString(entry.param_name) : undefined;
    if (name === undefined || !known.has(name) || given.has(name)) {
      out.add(
        'example.count_mismatch',
        [...path, i],
        `${where}: example.${field}[${i}] ${name === undefined ? 'has no param_name' : given.has(name) ? `repeats "${quote(name)}"` : `names "${quote(name)}", which is not a variable here`}; give exactly one { param_name, example } per variable (${listSome(names)}).`,
      );
      return;
    }
    given.set(name, isRecord(entry) ? entry.example : undefined);
  });
  for (const name of names) {
    const value = given.get(name);
    if (!given.has(name)) {
      out.add('example.missing', path, `${where}: no example for variable {{${name}}} in example.${field}.`);
    } else if (typeof value !== 'string' || value.trim() === '') {
      out.add(
        'example.missing',
        path,
        `${where}: the example for {{${name}}} is empty; give a realistic sample value (no real customer data).`,
      );
    }
  }
}

function checkPositionalExamples(
  count: number,
  row: unknown,
  present: boolean,
  path: Path,
  field: string,
  where: string,
  out: Collector,
): void {
  if (!present) {
    out.add(
      'example.missing',
      path,
      `${where}: ${count} variable${count === 1 ? '' : 's'} but no example.${field}; give one sample value per variable so reviewers can read the message.`,
    );
    return;
  }
  if (!Array.isArray(row) || row.length !== count) {
    out.add(
      'example.count_mismatch',
      path,
      `${where}: example.${field} has ${Array.isArray(row) ? row.length : 'no list of'} value${Array.isArray(row) && row.length === 1 ? '' : 's'} for ${count} variable${count === 1 ? '' : 's'}; give exactly one value per variable, in order.`,
    );
    return;
  }
  row.forEach((value: unknown, i) => {
    if (typeof value !== 'string' || value.trim() === '') {
      out.add(
        'example.missing',
        [...path, i],
        `${where}: the example for {{${i + 1}}} is empty; give a realistic sample value (no real customer data).`,
      );
    }
  });
}

function checkHeader(
  header: Located,
  category: string | undefined,
  rules: TemplateRules,
  out: Collector,
): Placeholder[] {
  const base: Path = ['components', header.index];
  const h = header.value;
  const format = upper(h.format);
  if (format === undefined || !HEADER_FORMATS.includes(format)) {
    out.add(
      'header.format',
      [...base, 'format'],
      `HEADER format ${format === undefined ? 'is missing' : `"${String(h.format)}" is unknown`}; use one of ${HEADER_FORMATS.join(', ')}.`,
    );
    return [];
  }
  const example = isRecord(h.example) ? h.example : undefined;
  if (MEDIA_FORMATS.includes(format)) {
    if (!hasHeaderHandle(example)) {
      out.add(
        'example.missing',
        [...base, 'example', 'header_handle'],
        `HEADER: a ${format} header needs a sample in example.header_handle (a handle from Meta's Resumable Upload API).`,
      );
    }
    return [];
  }
  if (format === 'LOCATION') {
    if (upper(category) === 'AUTHENTICATION') {
      out.add(
        'header.format',
        [...base, 'format'],
        'HEADER: LOCATION headers are only allowed in MARKETING and UTILITY templates.',
      );
    }
    return [];
  }
  const text = asString(h.text);
  const path: Path = [...base, 'text'];
  if (text === undefined || text.trim() === '') {
    out.add('header.format', path, 'HEADER: a TEXT header needs non-empty text (or drop the header).');
    return [];
  }
  const length = codePointLength(text);
  if (length > rules.headerMaxLength) {
    out.add(
      'header.too_long',
      path,
      `HEADER text is ${length} characters; the limit is ${rules.headerMaxLength}. Shorten it.`,
    );
  }
  if (/[\r\n]/.test(text)) {
    out.add('header.format', path, 'HEADER text cannot contain line breaks; keep it on one line.');
  }
  if (EMOJI.test(text)) {
    out.add('header.format', path, 'HEADER text cannot contain emoji; move them to the body.');
  }
  const vars = checkPlaceholders(scanPlaceholders(text), path, 'HEADER', out);
  if (vars.length > rules.headerMaxVariables) {
    out.add(
      'header.too_many_variables',
      path,
      `HEADER has ${vars.length} variables; at most ${rules.headerMaxVariables} is allowed. Move the others to the body.`,
    );
  }
  checkSequence(vars, path, 'HEADER', out);
  const names = distinctNames(vars);
  if (names.length > 0) {
    if (vars[0]?.kind === 'named') {
      checkNamedExamples(
        names,
        example?.header_text_named_params,
        [...base, 'example', 'header_text_named_params'],
        'header_text_named_params',
        'HEADER',
        out,
      );
    } else {
      const values = example?.header_text;
      checkPositionalExamples(
        names.length,
        values,
        values !== undefined,
        [...base, 'example', 'header_text'],
        'header_text',
        'HEADER',
        out,
      );
    }
  }
  return vars;
}

/** Words of fixed text (with a letter or digit) outside every brace group. */
function countWords(text: string, vars: Placeholder[]): number {
  let rest = '';
  let last = 0;
  for (const v of vars) {
    rest += `${text.slice(last, v.start)} `;
    last = v.end;
  }
  rest += text.slice(last);
  return rest.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function checkBody(body: Located | undefined, rules: TemplateRules, out: Collector): Placeholder[] {
  if (!body) {
    out.add('body.required', ['components'], 'A BODY component is required: { type: "BODY", text: "..." }.');
    return [];
  }
  const base: Path = ['components', body.index];
  const path: Path = [...base, 'text'];
  const text = asString(body.value.text);
  if (text === undefined || text.trim() === '') {
    out.add('body.required', path, 'BODY text is required and cannot be empty.');
    return [];
  }
  const length = codePointLength(text);
  if (length > rules.bodyMaxLength) {
    out.add(
      'body.too_long',
      path,
      `BODY text is ${length} characters; the ${rules.name} profile allows ${rules.bodyMaxLength}. Shorten it.`,
    );
  }
  const vars = checkPlaceholders(scanPlaceholders(text), path, 'BODY', out);
  checkSequence(vars, path, 'BODY', out);
  const trimmedStart = text.length - text.trimStart().length;
  const trimmedEnd = text.trimEnd().length;
  const first = vars[0];
  const last = vars.at(-1);
  if (first && first.start === trimmedStart) {
    out.add(
      'variable.leading',
      path,
      `BODY starts with the variable ${first.raw}; a body cannot start with a variable. Put some fixed text before it.`,
    );
  }
  if (last && last.end === trimmedEnd) {
    out.add(
      'variable.trailing',
      path,
      `BODY ends with the variable ${last.raw}; a body cannot end with a variable. Put some fixed text (even a full stop) after it.`,
    );
  }
  const words = countWords(text, scanPlaceholders(text));
  const needed = rules.densityWordsPerVariable * vars.length + 1;
  if (vars.length > 0 && words < needed) {
    out.add(
      'variable.too_dense',
      path,
      `BODY has ${vars.length} variable${vars.length === 1 ? '' : 's'} and ${words} word${words === 1 ? '' : 's'} of fixed text; Meta rejects templates with too many variables for their length. Aim for at least ${needed} words, or use fewer variables.`,
      'warning',
    );
  }
  const names = distinctNames(vars);
  if (names.length > 0) {
    const example = isRecord(body.value.example) ? body.value.example : undefined;
    if (first?.kind === 'named') {
      checkNamedExamples(
        names,
        example?.body_text_named_params,
        [...base, 'example', 'body_text_named_params'],
        'body_text_named_params',
        'BODY',
        out,
      );
    } else {
      const rows = example?.body_text;
      checkPositionalExamples(
        names.length,
        Array.isArray(rows) ? rows[0] : rows,
        rows !== undefined,
        [...base, 'example', 'body_text'],
        'body_text',
        'BODY',
        out,
      );
    }
  }
  return vars;
}

function checkFooter(footer: Located, rules: TemplateRules, out: Collector): void {
  const path: Path = ['components', footer.index, 'text'];
  const text = asString(footer.value.text);
  if (text === undefined || text.trim() === '') {
    out.add('template.malformed', path, 'FOOTER text is required; give it text or remove the footer.');
    return;
  }
  const length = codePointLength(text);
  if (length > rules.footerMaxLength) {
    out.add(
      'footer.too_long',
      path,
      `FOOTER text is ${length} characters; the limit is ${rules.footerMaxLength}. Shorten it.`,
    );
  }
  const found = scanPlaceholders(text);
  if (found.some((p) => p.kind !== 'malformed')) {
    out.add(
      'footer.has_variables',
      path,
      'FOOTER cannot contain variables; use fixed text and move variables to the body.',
    );
  }
  checkPlaceholders(
    found.filter((p) => p.kind === 'malformed'),
    path,
    'FOOTER',
    out,
  );
}

/** `url` with every brace group replaced by `x`, for parsing it as a URL. */
function withoutGroups(url: string): string {
  let out = '';
  let last = 0;
  forEachBraceGroup(url, (start, _innerStart, _innerEnd, end) => {
    out += `${url.slice(last, start)}x`;
    last = end;
  });
  return out + url.slice(last);
}

function checkUrlButton(b: Record<string, unknown>, path: Path, rules: TemplateRules, out: Collector): void {
  const url = asString(b.url);
  if (url === undefined || url.trim() === '') {
    out.add(
      'button.url_invalid',
      [...path, 'url'],
      'URL button needs a url, e.g. "https://www.example.com/shop/{{1}}".',
    );
    return;
  }
  const found = scanPlaceholders(url);
  const vars = found.filter((p) => p.kind === 'positional' || p.kind === 'named');
  if (found.some((p) => p.kind === 'special' || p.kind === 'malformed')) {
    out.add(
      'button.url_variable',
      [...path, 'url'],
      `URL button: "${quote(found.find((p) => p.kind === 'special' || p.kind === 'malformed')?.raw ?? '')}" is not a valid variable; write {{1}} at the end of the URL.`,
    );
  }
  if (vars.length > 1) {
    out.add(
      'button.url_variable',
      [...path, 'url'],
      `URL button has ${vars.length} variables; at most one is allowed, at the end of the URL.`,
    );
  } else if (vars.length === 1) {
    const v = vars[0] as Placeholder;
    const hostEnd = url.indexOf('/', url.indexOf('//') + 2);
    if (v.end !== url.trimEnd().length) {
      out.add(
        'button.url_variable',
        [...path, 'url'],
        `URL button: the variable ${v.raw} must be at the very end of the URL (e.g. https://www.example.com/track/{{1}}).`,
      );
    } else if (hostEnd === -1 || v.start <= hostEnd) {
      out.add(
        'button.url_variable',
        [...path, 'url'],
        `URL button: the variable ${v.raw} cannot be part of the domain; put it after a "/" (e.g. https://www.example.com/{{1}}).`,
      );
    } else if (v.kind !== 'positional' || v.name !== '1') {
      out.add(
        'button.url_variable',
        [...path, 'url'],
        `URL button: write the URL variable as {{1}}, not ${v.raw}.`,
      );
    }
  }
  const length = codePointLength(url);
  let parsed: URL | undefined;
  try {
    parsed = new URL(withoutGroups(url));
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== 'https:' || !parsed.hostname.includes('.') || length > rules.urlMaxLength) {
    out.add(
      'button.url_invalid',
      [...path, 'url'],
      length > rules.urlMaxLength
        ? `URL button url is ${length} characters; the limit is ${rules.urlMaxLength}.`
        : `URL button url "${quote(url)}" is not a valid https URL; use a full address like https://www.example.com/page (short links are often rejected).`,
    );
  }
  if (vars.length > 0) {
    const example = b.example;
    if (example === undefined || (Array.isArray(example) && example.length === 0)) {
      out.add(
        'example.missing',
        [...path, 'example'],
        'URL button with a variable needs example: ["https://www.example.com/shop/summer"] (the full URL with the variable filled in).',
      );
    } else if (
      !Array.isArray(example) ||
      example.length !== 1 ||
      typeof example[0] !== 'string' ||
      !example[0]
    ) {
      out.add(
        'example.count_mismatch',
        [...path, 'example'],
        'URL button example must be a list of exactly one full URL, e.g. ["https://www.example.com/shop/summer"].',
      );
    }
  }
}

function checkButtons(buttons: Located, rules: TemplateRules, out: Collector): void {
  const base: Path = ['components', buttons.index, 'buttons'];
  const list = buttons.value.buttons;
  if (!Array.isArray(list) || list.length === 0) {
    out.add(
      'template.malformed',
      base,
      `BUTTONS needs a non-empty buttons array, got ${Array.isArray(list) ? 'an empty array' : describe(list)}; remove the component if there are no buttons.`,
    );
    return;
  }
  const kinds: string[] = [];
  list.forEach((b: unknown, i) => {
    const path = [...base, i];
    if (!isRecord(b)) {
      out.add('template.malformed', path, `Button ${i} must be an object, got ${describe(b)}.`);
      kinds.push('INVALID');
      return;
    }
    const type = upper(b.type) ?? '';
    kinds.push(type);
    const text = asString(b.text);
    if (text === undefined || text.trim() === '') {
      if (!TEXT_OPTIONAL_BUTTONS.includes(type)) {
        out.add(
          'button.text_required',
          [...path, 'text'],
          `Button ${i} (${type || 'no type'}) needs a text label.`,
        );
      }
    } else {
      const length = codePointLength(text);
      if (length > rules.buttonTextMaxLength) {
        out.add(
          'button.text_too_long',
          [...path, 'text'],
          `Button ${i} text is ${length} characters; the limit is ${rules.buttonTextMaxLength}.`,
        );
      }
    }
    if (type === 'URL') checkUrlButton(b, path, rules, out);
    if (type === 'PHONE_NUMBER') {
      const phone = asString(b.phone_number);
      if (phone === undefined || !E164.test(phone) || codePointLength(phone) > rules.phoneMaxLength) {
        out.add(
          'button.phone_invalid',
          [...path, 'phone_number'],
          `Button ${i} phone_number must be E.164: "+", country code and number, digits only (e.g. +15550051310), at most ${rules.phoneMaxLength} characters.`,
        );
      }
    }
    if (type === 'COPY_CODE' && (typeof b.example !== 'string' || b.example.trim() === '')) {
      out.add(
        'example.missing',
        [...path, 'example'],
        `Button ${i} (COPY_CODE) needs an example code, e.g. "25OFF".`,
      );
    }
    if (type === '')
      out.add('template.malformed', [...path, 'type'], `Button ${i} needs a type, e.g. QUICK_REPLY or URL.`);
  });
  const count = (t: string) => kinds.filter((k) => k === t).length;
  const quickReplies = count('QUICK_REPLY');
  const calls = kinds.length - quickReplies;
  const limit = (code: TemplateIssueCode, n: number, max: number | undefined, what: string) => {
    if (max !== undefined && n > max) {
      out.add(code, base, `${n} ${what}; the ${rules.name} profile allows at most ${max}.`);
    }
  };
  limit('buttons.too_many', kinds.length, rules.maxButtons, 'buttons in total');
  limit('buttons.quick_reply_limit', quickReplies, rules.maxQuickReplies, 'QUICK_REPLY buttons');
  limit('buttons.cta_limit', calls, rules.maxCallToAction, 'call-to-action buttons');
  limit('buttons.url_limit', count('URL'), rules.maxUrlButtons, 'URL buttons');
  limit('buttons.phone_limit', count('PHONE_NUMBER'), rules.maxPhoneButtons, 'PHONE_NUMBER buttons');
  limit('buttons.copy_code_limit', count('COPY_CODE'), rules.maxCopyCodeButtons, 'COPY_CODE buttons');
  if (quickReplies > 0 && calls > 0 && !rules.allowMixedButtons) {
    out.add(
      'buttons.mixed',
      base,
      `Quick replies and call-to-action buttons cannot be combined in the ${rules.name} profile; use either up to ${rules.maxQuickReplies} QUICK_REPLY buttons or up to ${rules.maxCallToAction ?? rules.maxButtons} call-to-action buttons.`,
    );
  }
  checkButtonGrouping(kinds, base, (code, path, message) => out.add(code, path, message));
}

/**
 * Validates a template definition (Meta's create-template JSON, exactly as submitted to Meta or CleverTap)
 * against a rule profile: `strict` (default; the CleverTap BSP rules: body 1000, 3 quick replies or 2
 * call-to-action buttons, never both) or `meta` (Meta's current numbers: body 1024, 10 buttons, 2 URL, 1 phone,
 * 1 copy code). Both profiles check that quick replies and call-to-action buttons are grouped, and the rules of
 * carousel, limited-time-offer and authentication (OTP) templates (see `docs/templates.md`).
 *
 * It reports every problem at once and never throws on malformed input: a non-object, missing components or a
 * broken component is an issue too. Lengths count code points, as Meta does. `valid` is true iff no issue has
 * severity `error`; warnings (`variable.too_dense`, out-of-order variables) are advice. The codes are listed in
 * {@link TemplateIssueCode}. Throws only for an unknown `profile` option ({@link ConfigError}).
 *
 * @example
 * ```ts
 * import { validateTemplate } from 'waba-kit/templates';
 *
 * const { valid, issues } = validateTemplate(
 *   {
 *     name: 'order_update', language: 'en_US', category: 'UTILITY',
 *     components: [{ type: 'BODY', text: 'Hi {{1}}, order {{2}} has shipped.',
 *                    example: { body_text: [['Ana', 'A-1042']] } }],
 *   },
 *   { profile: 'meta' },
 * );
 * if (!valid) for (const i of issues) console.log(i.severity, i.code, i.path.join('.'), i.message);
 * ```
 */
export function validateTemplate(
  template: unknown,
  options: ValidateTemplateOptions = {},
): TemplateValidationResult {
  const rules = resolveRules(options.profile);
  const languages = options.languages ?? TEMPLATE_LANGUAGES;
  const out = new Collector();
  if (!isRecord(template)) {
    out.add(
      'template.malformed',
      [],
      `A template must be an object { name, language, category, components }, got ${describe(template)}.`,
    );
    return { valid: false, issues: out.issues };
  }

  const name = asString(template.name);
  if (name === undefined || name === '') {
    out.add(
      'name.required',
      ['name'],
      'name is required: lowercase letters, digits and underscores, e.g. "order_update".',
    );
  } else {
    if (!/^[a-z0-9_]+$/.test(name)) {
      out.add(
        'name.format',
        ['name'],
        `name "${name}" may only contain lowercase letters a-z, digits and underscores, e.g. "${name.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}".`,
      );
    }
    const length = codePointLength(name);
    if (length > rules.nameMaxLength) {
      out.add(
        'name.too_long',
        ['name'],
        `name is ${length} characters; the limit is ${rules.nameMaxLength}.`,
      );
    }
  }

  const language = template.language;
  if (typeof language !== 'string' || !languages.includes(language)) {
    const hint =
      typeof language === 'string'
        ? languages.find((l) => l.toLowerCase() === language.replace('-', '_').toLowerCase())
        : undefined;
    out.add(
      'language.unknown',
      ['language'],
      typeof language !== 'string' || language === ''
        ? 'language is required: a template language code such as "en_US" or "pt_BR".'
        : `language "${language}" is not a supported template language${hint ? `; did you mean "${hint}"?` : ' (codes look like "en", "en_US", "pt_BR"); pass options.languages to extend the list'}.`,
    );
  }

  const category = upper(template.category);
  if (category === undefined || !rules.categories.includes(category)) {
    out.add(
      'category.invalid',
      ['category'],
      `category ${category === undefined ? 'is required' : `"${String(template.category)}" is not allowed`}; the ${rules.name} profile accepts ${rules.categories.join(', ')}.`,
    );
  }

  const format = template.parameter_format === undefined ? 'POSITIONAL' : upper(template.parameter_format);
  if (format !== 'POSITIONAL' && format !== 'NAMED') {
    out.add('template.malformed', ['parameter_format'], 'parameter_format must be "positional" or "named".');
  }

  const components = template.components;
  if (!Array.isArray(components)) {
    out.add(
      'template.malformed',
      ['components'],
      `components must be an array of HEADER, BODY, FOOTER and BUTTONS objects, got ${describe(components)}.`,
    );
    out.add('body.required', ['components'], 'A BODY component is required: { type: "BODY", text: "..." }.');
    return { valid: false, issues: out.issues };
  }

  // The components every check reads are the first of each type (componentsOf); later ones are reported here.
  const seen = componentsOf(template);
  components.forEach((c: unknown, index) => {
    if (!isRecord(c)) {
      out.add(
        'template.malformed',
        ['components', index],
        `Component ${index} must be an object, got ${describe(c)}.`,
      );
      return;
    }
    const type = upper(c.type);
    if (isKnownComponent(type)) {
      if (seen[type]?.index !== index) {
        out.add(
          'template.malformed',
          ['components', index],
          `More than one ${type} component; a template has at most one.`,
        );
      }
    } else if (type === undefined || !OTHER_META_COMPONENTS.includes(type)) {
      out.add(
        'template.malformed',
        ['components', index, 'type'],
        `Component ${index} has ${type === undefined ? 'no type' : `unknown type "${String(c.type)}"`}; use HEADER, BODY, FOOTER or BUTTONS.`,
      );
    }
  });

  // Carousels, limited-time offers and authentication templates have rules of their own (src/templates/rules);
  // authentication templates carry no body or footer text, so those checks are theirs alone.
  const ctx: RuleContext = {
    category,
    rules,
    components: findComponents(components),
    add: (code, path, message, severity) => out.add(code, path, message, severity),
  };
  const authentication = category === 'AUTHENTICATION';
  const headerVars = seen.HEADER ? checkHeader(seen.HEADER, category, rules, out) : [];
  const bodyVars = authentication ? [] : checkBody(seen.BODY, rules, out);
  if (seen.FOOTER && !authentication) checkFooter(seen.FOOTER, rules, out);
  if (seen.BUTTONS) checkButtons(seen.BUTTONS, rules, out);
  if (authentication) checkAuthentication(ctx);
  checkCarousel(ctx);
  checkLimitedTimeOffer(ctx);

  const all = [
    ...headerVars.map((v) => ({ v, at: seen.HEADER as Located })),
    ...bodyVars.map((v) => ({ v, at: seen.BODY as Located })),
  ];
  const wrongKind = format === 'NAMED' ? 'positional' : 'named';
  const offender = all.find((x) => x.v.kind === wrongKind);
  if (offender && (format === 'POSITIONAL' || format === 'NAMED')) {
    const mixed = all.some((x) => x.v.kind !== wrongKind);
    out.add(
      'variable.mixed_format',
      ['components', offender.at.index, 'text'],
      mixed
        ? `Positional ({{1}}) and named ({{first_name}}) variables are mixed; use one style throughout the template.`
        : format === 'NAMED'
          ? `parameter_format is "named" but ${offender.v.raw} is positional; write named variables like {{first_name}}.`
          : `${offender.v.raw} is a named variable; set parameter_format: "named" (or use positional {{1}}, {{2}}, ...).`,
    );
  }

  return { valid: !out.issues.some((i) => i.severity === 'error'), issues: out.issues };
}

/**
 * Like {@link validateTemplate}, but throws a {@link TemplateError} (code `template_invalid`, with the `error`
 * issues) when the template is invalid, and returns it typed as a {@link TemplateDefinition} when it is not. The
 * Meta and CleverTap clients call this before creating a template.
 *
 * @example
 * ```ts
 * const definition = assertValidTemplate(json, { profile: 'meta' }); // throws TemplateError with issues
 * ```
 */
export function assertValidTemplate(
  template: unknown,
  options: ValidateTemplateOptions & {
    /** The provider the template is meant for: named in the message and set on the error. */
    provider?: ProviderId | undefined;
    /** More error issues found by the caller (a provider's own rules), reported with the profile's. */
    issues?: readonly Issue[] | undefined;
  } = {},
): TemplateDefinition {
  const { valid, issues } = validateTemplate(template, options);
  const errors: Issue[] = [...issues.filter((i) => i.severity === 'error'), ...(options.issues ?? [])];
  if (!valid || errors.length > 0) {
    const summary = errors
      .slice(0, 5)
      .map((i) => `${i.code} at ${i.path.join('.') || '(root)'}`)
      .join('; ');
    const target = options.provider ? ` for ${options.provider}` : '';
    throw new TemplateError(
      `Template is invalid${target} (${errors.length} problem${errors.length === 1 ? '' : 's'}): ${summary}${errors.length > 5 ? '; ...' : ''}. See error.issues for how to fix each.`,
      { issues: errors, ...(options.provider ? { provider: options.provider } : {}) },
    );
  }
  return template as TemplateDefinition;
}
