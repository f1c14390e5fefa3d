/**
 * Send-time checks for the template components beyond header, body and buttons: carousel cards, limited-time
 * offers, authentication codes, and the button types whose parameter is an `action` (Flow, catalog, MPM) or
 * the code (OTP). Used by `checkTemplateParams`. Sources: the pages cited in `core/whatsapp-template.ts`.
 * @internal
 * @module
 */

import { isRecord } from '../core/record.js';
import { variablesOf } from './placeholders.js';
import { asString, buttonsOf, upper } from './shape.js';

/** Reports one send-time issue (`checkTemplateParams`' sink). */
export type AddParamIssue = (
  code:
    | 'params.count_mismatch'
    | 'params.button_missing'
    | 'params.header_mismatch'
    | 'params.card_mismatch'
    | 'params.offer_mismatch'
    | 'params.empty_value',
  path: (string | number)[],
  message: string,
) => void;

/**
 * The body text send-time parameters fill. An AUTHENTICATION template has no body text of its own: Meta's fixed
 * text has one variable, the code.
 */
export function effectiveBodyText(template: unknown, body: Record<string, unknown> | undefined): string {
  const text = asString(body?.text);
  if (text !== undefined) return text;
  return isRecord(template) && upper(template.category) === 'AUTHENTICATION'
    ? '{{1}} is your verification code.'
    : '';
}

/** The text of a body value: a string, or a `currency` / `date_time` parameter's fallback text. */
export function valueText(value: unknown): unknown {
  return isRecord(value) && (value.type === 'currency' || value.type === 'date_time')
    ? value.fallbackValue
    : value;
}

/** The neutral parameter type each definition button type takes (OTP buttons take the code as `url`). */
const PARAM_FOR: Record<string, string> = {
  QUICK_REPLY: 'quick_reply',
  COPY_CODE: 'copy_code',
  FLOW: 'flow',
  CATALOG: 'catalog',
  MPM: 'mpm',
  OTP: 'url',
};

/** Whether a button parameter of type `given` fits a definition button (`dynamicUrl`: a URL with a variable). */
export function buttonParamFits(defType: string, dynamicUrl: boolean, given: unknown): boolean {
  if (defType === 'URL') return dynamicUrl && given === 'url';
  return PARAM_FOR[defType] !== undefined && PARAM_FOR[defType] === given;
}

/** What a definition button needs at send time, when it needs a parameter; `undefined` when it does not. */
export function requiredButtonParam(defType: string, dynamicUrl: boolean, index: number): string | undefined {
  if (defType === 'URL' && dynamicUrl) return `{ index: ${index}, type: 'url', text: '...' }`;
  if (defType === 'COPY_CODE') return `{ index: ${index}, type: 'copy_code', code: '...' }`;
  if (defType === 'OTP') return `{ index: ${index}, type: 'url', text: code } (the one-time code)`;
  if (defType === 'MPM') return `{ index: ${index}, type: 'mpm', thumbnailProductRetailerId, sections }`;
  return undefined;
}

function firstOf(components: unknown, type: string): Record<string, unknown> | undefined {
  if (!Array.isArray(components)) return undefined;
  return components.find((c): c is Record<string, unknown> => isRecord(c) && upper(c.type) === type);
}

function countVariables(text: string): number {
  const vars = variablesOf(text);
  const named = new Set(vars.filter((v) => v.kind === 'named').map((v) => v.name));
  if (named.size > 0) return named.size;
  // A loop, not Math.max(...list): a spread of ~170 000 arguments overflows the stack.
  let highest = 0;
  for (const v of vars) if (v.kind === 'positional') highest = Math.max(highest, Number(v.name));
  return highest;
}

function checkCard(def: Record<string, unknown>, card: unknown, i: number, add: AddParamIssue): void {
  const path = ['cards', i];
  const components = def.components;
  const header = firstOf(components, 'HEADER');
  const format = upper(header?.format);
  const given = isRecord(card) && isRecord(card.header) ? card.header.type : undefined;
  const expected = format === 'PRODUCT' ? 'product' : format?.toLowerCase();
  if (expected !== undefined && given !== expected) {
    add(
      'params.header_mismatch',
      [...path, 'header'],
      `Card ${i}'s header is ${format}; pass header: { type: '${expected}', ... }.`,
    );
  }
  const bodyText = asString(firstOf(components, 'BODY')?.text) ?? '';
  const needed = countVariables(bodyText);
  const body = isRecord(card) ? card.body : undefined;
  const count = Array.isArray(body) ? body.length : isRecord(body) ? Object.keys(body).length : 0;
  if (count !== needed) {
    add(
      'params.count_mismatch',
      [...path, 'body'],
      `Card ${i}'s body has ${needed} variable${needed === 1 ? '' : 's'} but ${count} value${count === 1 ? ' was' : 's were'} given.`,
    );
  }
  const defined = buttonsOf(
    (() => {
      const buttons = firstOf(components, 'BUTTONS');
      return buttons ? { index: 0, value: buttons } : undefined;
    })(),
  );
  const params = isRecord(card) && Array.isArray(card.buttons) ? card.buttons : [];
  // The indexes that have a url parameter, once (not one search of the parameters per button).
  const urlParams = new Set<unknown>();
  for (const bp of params) if (isRecord(bp) && bp.type === 'url') urlParams.add(bp.index);
  defined.forEach((b, index) => {
    if (b?.type !== 'URL' || variablesOf(asString(b.value.url) ?? '').length === 0) return;
    if (!urlParams.has(index)) {
      add(
        'params.button_missing',
        [...path, 'buttons'],
        `Card ${i}'s button ${index} (URL) has a variable and requires { index: ${index}, type: 'url', text: '...' } (Meta 131008).`,
      );
    }
  });
}

/** Checks `cards` against the template's CAROUSEL, and `limitedTimeOffer` against its LIMITED_TIME_OFFER. */
export function checkComponentParams(
  template: unknown,
  params: Record<string, unknown>,
  add: AddParamIssue,
): void {
  const components = isRecord(template) ? template.components : undefined;
  const carousel = firstOf(components, 'CAROUSEL');
  const defCards = Array.isArray(carousel?.cards) ? carousel.cards : undefined;
  const cards = params.cards;
  if (defCards === undefined) {
    if (cards !== undefined)
      add('params.card_mismatch', ['cards'], 'The template has no carousel; remove cards.');
  } else if (!Array.isArray(cards) || cards.length !== defCards.length) {
    add(
      'params.card_mismatch',
      ['cards'],
      `The carousel has ${defCards.length} cards; pass cards with exactly ${defCards.length} entries, in card order (${Array.isArray(cards) ? cards.length : 'none'} given).`,
    );
  } else {
    defCards.forEach((def, i) => {
      if (isRecord(def)) checkCard(def, cards[i], i, add);
    });
  }
  const offer = firstOf(components, 'LIMITED_TIME_OFFER');
  const lto = isRecord(offer?.limited_time_offer) ? offer.limited_time_offer : undefined;
  const given = params.limitedTimeOffer;
  if (offer === undefined && given !== undefined) {
    add(
      'params.offer_mismatch',
      ['limitedTimeOffer'],
      'The template has no limited-time offer; remove limitedTimeOffer.',
    );
  } else if (lto?.has_expiration === true && given === undefined) {
    add(
      'params.offer_mismatch',
      ['limitedTimeOffer'],
      'The offer shows its expiry (has_expiration); pass limitedTimeOffer: { expirationTimeMs } (Meta 131008).',
    );
  }
}
