/**
 * Carousel template rules (media card and product card carousels). A carousel template is a body (the message
 * bubble) plus one `CAROUSEL` component of 2 to 10 cards; each card has its own `HEADER` (IMAGE or VIDEO for
 * media cards, PRODUCT for product cards; one format for all cards), an optional `BODY` of at most 160
 * characters, and up to 2 buttons (media cards: QUICK_REPLY, URL, PHONE_NUMBER; product cards: SPM or URL).
 * Every card has the same components and the same buttons, in the same order. The message itself has no
 * header, footer or buttons of its own. Sources:
 * https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/media-card-carousel-templates,
 * .../message-templates/product-card-carousel-templates.
 * @internal
 * @module
 */

import { isRecord } from '../../core/record.js';
import { codePointLength, scanPlaceholders } from '../placeholders.js';
import { asString, describe, hasHeaderHandle, upper } from '../shape.js';
import { type FoundComponent, findComponents, first, type Path, type RuleContext } from './context.js';

/** Cards a carousel holds. */
export const CAROUSEL_CARDS = { min: 2, max: 10 } as const;
/** Meta's limit for a card's body text. */
export const CARD_BODY_MAX_LENGTH = 160;
/** Buttons one card may have. */
export const CARD_MAX_BUTTONS = 2;

const MEDIA_CARD_BUTTONS = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'];
const PRODUCT_CARD_BUTTONS = ['SPM', 'URL'];
const CARD_FORMATS = ['IMAGE', 'VIDEO', 'PRODUCT'];

/** A card's shape, compared across cards: header format, whether it has a body, its button types in order. */
interface CardShape {
  format: string | undefined;
  body: boolean;
  buttons: string[];
}

function checkCardBody(body: FoundComponent, path: Path, ctx: RuleContext): void {
  const text = asString(body.value.text);
  if (text === undefined || text.trim() === '') {
    ctx.add('template.malformed', [...path, 'text'], 'A card BODY needs text (or leave the card body out).');
    return;
  }
  const length = codePointLength(text);
  if (length > CARD_BODY_MAX_LENGTH) {
    ctx.add(
      'carousel.card_body_too_long',
      [...path, 'text'],
      `Card body is ${length} characters; carousel cards allow ${CARD_BODY_MAX_LENGTH}. Shorten it.`,
    );
  }
  const found = scanPlaceholders(text);
  const bad = found.find((p) => p.kind === 'malformed' || p.kind === 'special');
  if (bad) {
    ctx.add(
      bad.kind === 'special' ? 'variable.special_characters' : 'variable.malformed',
      [...path, 'text'],
      `Card body: "${bad.raw}" is not a well-formed variable; write {{1}}, {{2}}, ... (or {{name}}).`,
    );
  }
  const names = [
    ...new Set(found.filter((p) => p.kind === 'positional' || p.kind === 'named').map((p) => p.name)),
  ];
  if (names.length === 0) return;
  const example = isRecord(body.value.example) ? body.value.example : undefined;
  const named = example?.body_text_named_params;
  const rows = example?.body_text;
  const given = Array.isArray(named)
    ? named.length
    : Array.isArray(rows) && Array.isArray(rows[0])
      ? rows[0].length
      : undefined;
  if (given === undefined) {
    ctx.add(
      'example.missing',
      [...path, 'example'],
      `Card body has ${names.length} variable${names.length === 1 ? '' : 's'} but no example; give example.body_text: [["..."]] with one value per variable.`,
    );
  } else if (given !== names.length) {
    ctx.add(
      'example.count_mismatch',
      [...path, 'example'],
      `Card body has ${names.length} variable${names.length === 1 ? '' : 's'} but ${given} example value${given === 1 ? '' : 's'}; give exactly one per variable.`,
    );
  }
}

function checkCardButtons(
  buttons: FoundComponent,
  format: string | undefined,
  path: Path,
  ctx: RuleContext,
): string[] {
  const list = buttons.value.buttons;
  const base = [...path, 'buttons'];
  if (!Array.isArray(list) || list.length === 0) {
    ctx.add(
      'template.malformed',
      base,
      'A card BUTTONS component needs a non-empty buttons array (or leave it out).',
    );
    return [];
  }
  if (list.length > CARD_MAX_BUTTONS) {
    ctx.add(
      'carousel.card_buttons',
      base,
      `A card has at most ${CARD_MAX_BUTTONS} buttons; got ${list.length}.`,
    );
  }
  const allowed = format === 'PRODUCT' ? PRODUCT_CARD_BUTTONS : MEDIA_CARD_BUTTONS;
  return list.map((b: unknown, i) => {
    const type = isRecord(b) ? (upper(b.type) ?? '') : '';
    if (!allowed.includes(type)) {
      ctx.add(
        'carousel.card_buttons',
        [...base, i, 'type'],
        `A ${format === 'PRODUCT' ? 'product' : 'media'} card button is ${allowed.join(', ')}; got ${type || describe(b)}.`,
      );
    }
    const text = isRecord(b) ? asString(b.text) : undefined;
    if (text === undefined || text.trim() === '') {
      ctx.add('button.text_required', [...base, i, 'text'], `Card button ${i} needs a text label.`);
    } else if (codePointLength(text) > ctx.rules.buttonTextMaxLength) {
      ctx.add(
        'button.text_too_long',
        [...base, i, 'text'],
        `Card button ${i} text is ${codePointLength(text)} characters; the limit is ${ctx.rules.buttonTextMaxLength}.`,
      );
    }
    if (
      type === 'URL' &&
      // Stryker disable next-line StringLiteral: RegExp#test fails on any text that is not an https URL, as on ''
      !/^https:\/\/[^\s/]+\.[^\s/]/.test(asString(isRecord(b) ? b.url : undefined) ?? '')
    ) {
      ctx.add(
        'button.url_invalid',
        [...base, i, 'url'],
        `Card button ${i} needs an https url, e.g. "https://www.example.com/shop?promo={{1}}".`,
      );
    }
    return type;
  });
}

function checkCard(card: unknown, path: Path, ctx: RuleContext): CardShape | undefined {
  if (!isRecord(card) || !Array.isArray(card.components)) {
    ctx.add(
      'template.malformed',
      path,
      `A carousel card is { components: [HEADER, BODY?, BUTTONS?] }, got ${describe(card)}.`,
    );
    return undefined;
  }
  const components = findComponents(card.components);
  const header = first(components, 'HEADER');
  const format = header ? upper(header.value.format) : undefined;
  if (
    // Stryker disable next-line ConditionalExpression,LogicalOperator: no header means no format, and CARD_FORMATS.includes(undefined) is false: each test alone refuses it
    !header ||
    // Stryker disable next-line ConditionalExpression: CARD_FORMATS.includes(undefined) is false too
    format === undefined ||
    !CARD_FORMATS.includes(format)
  ) {
    ctx.add(
      'carousel.header_format',
      header ? [...path, 'components', header.index, 'format'] : [...path, 'components'],
      `Each carousel card needs a HEADER of format IMAGE or VIDEO (media cards) or PRODUCT (product cards)${format ? `; got ${format}` : ''}.`,
    );
  } else if (format !== 'PRODUCT') {
    if (!hasHeaderHandle(header.value.example)) {
      ctx.add(
        'example.missing',
        [...path, 'components', header.index, 'example', 'header_handle'],
        `Card ${format} header needs a sample in example.header_handle (a handle from Meta's Resumable Upload API).`,
      );
    }
  }
  for (const c of components) {
    if (!['HEADER', 'BODY', 'BUTTONS'].includes(c.type)) {
      ctx.add(
        'carousel.top_level_component',
        [...path, 'components', c.index, 'type'],
        `A carousel card holds HEADER, BODY and BUTTONS only; remove the ${c.type || 'untyped'} component.`,
      );
    }
  }
  const body = first(components, 'BODY');
  if (body) checkCardBody(body, [...path, 'components', body.index], ctx);
  const buttons = first(components, 'BUTTONS');
  const kinds = buttons ? checkCardButtons(buttons, format, [...path, 'components', buttons.index], ctx) : [];
  return { format, body: body !== undefined, buttons: kinds };
}

/** Checks a template that has a CAROUSEL component. */
export function checkCarousel(ctx: RuleContext): void {
  const carousel = first(ctx.components, 'CAROUSEL');
  if (!carousel) return;
  for (const c of ctx.components) {
    if (c.type === 'HEADER' || c.type === 'FOOTER' || c.type === 'BUTTONS') {
      ctx.add(
        'carousel.top_level_component',
        ['components', c.index],
        `A carousel template has a body and cards only; its ${c.type} belongs inside the cards (or is not supported). Remove it.`,
      );
    }
  }
  const path: Path = ['components', carousel.index, 'cards'];
  const cards = carousel.value.cards;
  if (!Array.isArray(cards)) {
    ctx.add('template.malformed', path, `CAROUSEL needs a cards array, got ${describe(cards)}.`);
    return;
  }
  if (cards.length < CAROUSEL_CARDS.min || cards.length > CAROUSEL_CARDS.max) {
    ctx.add(
      'carousel.cards_count',
      path,
      `A carousel has ${CAROUSEL_CARDS.min} to ${CAROUSEL_CARDS.max} cards; got ${cards.length}.`,
    );
  }
  const shapes = cards.map((card: unknown, i) => checkCard(card, [...path, i], ctx));
  const reference = shapes.find((s) => s !== undefined);
  // Stryker disable next-line ConditionalExpression: with no reference every shape is undefined and returns below
  if (!reference) return;
  shapes.forEach((shape, i) => {
    if (!shape) return;
    // Stryker disable next-line ConditionalExpression: the reference compared with itself reports nothing
    if (shape === reference) return;
    if (shape.format !== reference.format && shape.format !== undefined && reference.format !== undefined) {
      ctx.add(
        'carousel.header_format',
        [...path, i],
        `Every card has the same header format; card ${i} is ${shape.format} but the first card is ${reference.format}.`,
      );
    }
    if (shape.body !== reference.body || shape.buttons.join() !== reference.buttons.join()) {
      ctx.add(
        'carousel.cards_mismatch',
        [...path, i],
        `Every card has the same components and buttons; card ${i} has ${shape.body ? 'a' : 'no'} body and buttons [${shape.buttons.join(', ')}], the first card ${reference.body ? 'a' : 'no'} body and [${reference.buttons.join(', ')}].`,
      );
    }
  });
}
