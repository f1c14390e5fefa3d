/**
 * `checkTemplateParams`: the send-time problems Meta would otherwise report asynchronously (in a failed status
 * webhook) or as a 400, found locally before anything is sent. Codes from Meta's error-code reference
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
 * @module
 */

import { isRecord } from '../core/record.js';
import {
  buttonParamFits,
  checkComponentParams,
  effectiveBodyText,
  requiredButtonParam,
  valueText,
} from './params-components.js';
import { filledLength, type Placeholder, variablesOf } from './placeholders.js';
import { lookupParam, type TemplateParams } from './render.js';
import { asString, buttonsOf, componentsOf, describe, listSome, quote, upper } from './shape.js';

/**
 * Stable codes of {@link checkTemplateParams}, each tied to the Meta error it prevents:
 *
 * | code | Meta | meaning |
 * | --- | --- | --- |
 * | `params.count_mismatch` | 132000 | body/header parameters do not match the template's variables |
 * | `params.invalid_whitespace` | 132018 | a value has a newline, a tab or more than 4 consecutive spaces |
 * | `params.body_too_long` | 132005 | the body with values filled in exceeds 1024 characters |
 * | `params.button_missing` | 131008 | a URL (with a variable) or COPY_CODE button has no parameter |
 * | `params.empty_value` | 131008 | a value is empty |
 * | `params.button_mismatch` | 131009 | a button parameter's index or type does not match the template |
 * | `params.header_mismatch` | 132012 | the header parameter's type does not match the header format |
 * | `params.card_mismatch` | 132000 | carousel cards given for a template without a carousel, or not one per card |
 * | `params.offer_mismatch` | 131008 | a limited-time offer showing its expiry without `limitedTimeOffer`, or one given for a template without an offer |
 * @inline
 */
export type TemplateParamIssueCode =
  | 'params.count_mismatch'
  | 'params.invalid_whitespace'
  | 'params.body_too_long'
  | 'params.button_missing'
  | 'params.empty_value'
  | 'params.button_mismatch'
  | 'params.header_mismatch'
  | 'params.card_mismatch'
  | 'params.offer_mismatch';

/**
 * One send-time problem, with the Meta error code it would cause.
 * @inline
 */
export interface TemplateParamIssue {
  code: TemplateParamIssueCode;
  /** The Meta Cloud API error code this problem produces when sent. */
  metaCode: number;
  /** Path into the parameters, e.g. `['body', 1]`, `['buttons', 0]`. */
  path: (string | number)[];
  message: string;
  severity: 'error';
}

/**
 * Result of {@link checkTemplateParams}.
 * @inline
 */
export interface TemplateParamsCheckResult {
  valid: boolean;
  issues: TemplateParamIssue[];
}

/** Meta's limit for the body once the values are filled in (132005). */
export const MAX_RENDERED_BODY_LENGTH = 1024;

const META_CODES: Record<TemplateParamIssueCode, number> = {
  'params.count_mismatch': 132000,
  'params.invalid_whitespace': 132018,
  'params.body_too_long': 132005,
  'params.button_missing': 131008,
  'params.empty_value': 131008,
  'params.button_mismatch': 131009,
  'params.header_mismatch': 132012,
  'params.card_mismatch': 132000,
  'params.offer_mismatch': 131008,
};

const HEADER_PARAM_TYPES: Record<string, string> = {
  TEXT: 'text',
  IMAGE: 'image',
  VIDEO: 'video',
  GIF: 'video',
  DOCUMENT: 'document',
  LOCATION: 'location',
};

const BAD_WHITESPACE = /[\n\r\t]| {5,}/;

/**
 * Checks send-time parameters against a template definition and returns the problems Meta would report:
 * parameter count (132000), newline/tab/more than 4 consecutive spaces in a value (132018), rendered body longer
 * than 1024 characters (132005), a missing URL-button or copy-code parameter (131008), and a header parameter
 * whose type does not match the header format (132012). `params` is shaped like the core `TemplateMessage`
 * (`header`, `body` array or record, `buttons`); never throws.
 *
 * @example
 * ```ts
 * import { checkTemplateParams } from 'waba-kit/templates';
 *
 * const { valid, issues } = checkTemplateParams(definition, { body: ['Ana'] });
 * // issues[0]: { code: 'params.count_mismatch', metaCode: 132000, path: ['body'], ... }
 * ```
 */
export function checkTemplateParams(
  template: unknown,
  params: TemplateParams = {},
): TemplateParamsCheckResult {
  const issues: TemplateParamIssue[] = [];
  const add = (code: TemplateParamIssueCode, path: (string | number)[], message: string): void => {
    issues.push({ code, metaCode: META_CODES[code], path, message, severity: 'error' });
  };
  const p: TemplateParams = isRecord(params) ? params : {};
  const c = componentsOf(template);

  const checkValue = (raw: unknown, path: (string | number)[], label: string) => {
    const value = valueText(raw);
    if (typeof value !== 'string' || value === '') {
      add('params.empty_value', path, `${label} is empty; every variable needs a non-empty value.`);
    } else if (BAD_WHITESPACE.test(value)) {
      add(
        'params.invalid_whitespace',
        path,
        `${label} contains a newline, a tab or more than 4 consecutive spaces, which Meta refuses in parameters (132018); replace them with single spaces.`,
      );
    }
  };

  // Header
  const header = c.HEADER?.value;
  const format = header ? (upper(header.format) ?? 'TEXT') : undefined;
  const headerVars = format === 'TEXT' ? variablesOf(asString(header?.text) ?? '') : [];
  const given = isRecord(p.header) ? (p.header as NonNullable<TemplateParams['header']>) : p.header;
  const givenType = isRecord(given) ? (asString(given.type) ?? describe(given.type)) : describe(given);
  if (format === undefined || (format === 'TEXT' && headerVars.length === 0)) {
    if (given !== undefined) {
      add(
        'params.count_mismatch',
        ['header'],
        `The template's header ${format === undefined ? 'does not exist' : 'has no variable'}; remove the header parameter.`,
      );
    }
  } else if (format === 'TEXT') {
    if (given === undefined) {
      add(
        'params.count_mismatch',
        ['header'],
        `The header has the variable ${quote(headerVars[0]?.raw ?? '')}; pass header: { type: 'text', text: '...' }.`,
      );
    } else if (!isRecord(given) || given.type !== 'text') {
      // `null`, a string or a number is no header parameter either: named, not read (a property of null throws).
      add(
        'params.header_mismatch',
        isRecord(given) ? ['header', 'type'] : ['header'],
        `The header is TEXT but the parameter is ${givenType}; pass { type: 'text', text }.`,
      );
    } else checkValue(given.text, ['header', 'text'], 'The header value');
  } else {
    const expected = HEADER_PARAM_TYPES[format];
    if (!isRecord(given) || given.type !== expected) {
      add(
        'params.header_mismatch',
        ['header'],
        `The header is ${format}; pass header: { type: '${expected ?? format.toLowerCase()}', ... }${given !== undefined ? ` instead of ${givenType}` : ''}.`,
      );
    }
  }

  // Body
  const bodyText = effectiveBodyText(template, c.BODY?.value);
  const vars = variablesOf(bodyText);
  const body = p.body;
  const positional = vars.filter((v) => v.kind === 'positional');
  const named = [...new Set(vars.filter((v) => v.kind === 'named').map((v) => v.name))];
  const namedSet = new Set(named);
  // A loop, not Math.max(...list): a spread of 170 000 arguments overflows the stack.
  let expectedCount = 0;
  for (const v of positional) expectedCount = Math.max(expectedCount, Number(v.name));
  if (named.length > 0) {
    if (body !== undefined && (Array.isArray(body) || !isRecord(body))) {
      add(
        'params.count_mismatch',
        ['body'],
        `The body uses named variables (${listSome(named)}); pass body as a record { ${named[0]}: '...' }.`,
      );
    } else {
      const record = (body ?? {}) as Record<string, unknown>;
      const missing = named.filter((n) => !Object.hasOwn(record, n));
      const extra = Object.keys(record).filter((k) => !namedSet.has(k));
      if (missing.length > 0 || extra.length > 0) {
        add(
          'params.count_mismatch',
          ['body'],
          `Body parameters do not match the template's variables:${missing.length > 0 ? ` missing ${listSome(missing)}` : ''}${extra.length > 0 ? `${missing.length > 0 ? ';' : ''} unknown ${listSome(extra.map(quote))}` : ''}.`,
        );
      }
      for (const n of named)
        if (Object.hasOwn(record, n)) checkValue(record[n], ['body', n], `Body value ${n}`);
    }
  } else if (body !== undefined && !Array.isArray(body)) {
    add(
      'params.count_mismatch',
      ['body'],
      expectedCount > 0
        ? `The body uses positional variables {{1}}..{{${expectedCount}}}; pass body as an array of ${expectedCount} values.`
        : 'The body has no variables; remove the body parameters.',
    );
  } else {
    const values = body ?? [];
    if (values.length !== expectedCount) {
      add(
        'params.count_mismatch',
        ['body'],
        `The body has ${expectedCount} variable${expectedCount === 1 ? '' : 's'} but ${values.length} value${values.length === 1 ? ' was' : 's were'} given; pass exactly one value per variable, in order.`,
      );
    }
    values.slice(0, expectedCount).forEach((v, i) => {
      checkValue(v, ['body', i], `Body value ${i + 1}`);
    });
  }
  if (bodyText) {
    const length = filledLength(bodyText, (v: Placeholder) => lookupParam(body, v));
    if (length > MAX_RENDERED_BODY_LENGTH) {
      add(
        'params.body_too_long',
        ['body'],
        `With the values filled in the body is ${length} characters; Meta refuses more than ${MAX_RENDERED_BODY_LENGTH} (132005). Shorten the values.`,
      );
    }
  }

  // Buttons
  const defined = buttonsOf(c.BUTTONS);
  const buttonParams = Array.isArray(p.buttons) ? p.buttons : [];
  const used = new Set<number>();
  buttonParams.forEach((bp, i) => {
    const index = isRecord(bp) && typeof bp.index === 'number' ? bp.index : -1;
    const def = defined[index];
    const dynamicUrl = def?.type === 'URL' && variablesOf(asString(def.value.url) ?? '').length > 0;
    const fits = def !== undefined && buttonParamFits(def.type, dynamicUrl, bp.type);
    if (!def || !fits || used.has(index)) {
      add(
        'params.button_mismatch',
        ['buttons', i],
        !def
          ? `There is no button at index ${index}; button indexes count from 0 in the template's order.`
          : used.has(index)
            ? `Button ${index} has more than one parameter.`
            : `Button ${index} is ${def.type}${def.type === 'URL' && !dynamicUrl ? ' with a fixed URL (no parameter needed)' : ''}; a '${asString(bp.type) ?? describe(bp.type)}' parameter does not fit it.`,
      );
      return;
    }
    used.add(index);
    if (bp.type === 'url') checkValue(bp.text, ['buttons', i, 'text'], `The URL suffix for button ${index}`);
  });
  defined.forEach((def, index) => {
    if (!def || used.has(index)) return;
    const needed = requiredButtonParam(
      def.type,
      variablesOf(asString(def.value.url) ?? '').length > 0,
      index,
    );
    if (needed !== undefined) {
      add(
        'params.button_missing',
        ['buttons'],
        `Button ${index} (${def.type}) requires a parameter: ${needed} (Meta 131008).`,
      );
    }
  });

  // Carousel cards and limited-time offers.
  checkComponentParams(template, p as Record<string, unknown>, add);

  return { valid: issues.length === 0, issues };
}
