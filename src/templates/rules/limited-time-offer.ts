/**
 * Limited-time offer template rules. Such a template is MARKETING only, has no footer, an optional IMAGE or
 * VIDEO header, a `LIMITED_TIME_OFFER` component `{ limited_time_offer: { text (at most 16 characters),
 * has_expiration? } }`, a body of at most 600 characters, and buttons: a URL button always, and a COPY_CODE
 * button (first in the list) when `has_expiration` is true; a copy-code button, when present, is always first.
 * Source: https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/limited-time-offer-templates
 * (and its mirror on https://docs.360dialog.com/partner/messaging/template-messages/limited-time-offer-templates,
 * which keeps Meta's notes on `has_expiration`).
 * @internal
 * @module
 */

import { isRecord } from '../../core/record.js';
import { codePointLength } from '../placeholders.js';
import { asString, describe, upper } from '../shape.js';
import { first, type RuleContext } from './context.js';

/** Meta's limit for the offer text. */
export const OFFER_TEXT_MAX_LENGTH = 16;
/** Meta's limit for a limited-time offer template's body. */
export const OFFER_BODY_MAX_LENGTH = 600;

/** Checks a template that has a LIMITED_TIME_OFFER component. */
export function checkLimitedTimeOffer(ctx: RuleContext): void {
  const offer = first(ctx.components, 'LIMITED_TIME_OFFER');
  if (!offer) return;
  const path = ['components', offer.index, 'limited_time_offer'];
  const lto = offer.value.limited_time_offer;
  let hasExpiration = false;
  if (!isRecord(lto)) {
    ctx.add(
      'template.malformed',
      path,
      `LIMITED_TIME_OFFER needs limited_time_offer: { text, has_expiration? }, got ${describe(lto)}.`,
    );
  } else {
    const text = asString(lto.text);
    if (text === undefined || text.trim() === '') {
      ctx.add(
        'offer.text_required',
        [...path, 'text'],
        'limited_time_offer.text is required: the offer heading, e.g. "Expiring offer!".',
      );
    } else if (codePointLength(text) > OFFER_TEXT_MAX_LENGTH) {
      ctx.add(
        'offer.text_too_long',
        [...path, 'text'],
        `limited_time_offer.text is ${codePointLength(text)} characters; the limit is ${OFFER_TEXT_MAX_LENGTH}.`,
      );
    }
    if (lto.has_expiration !== undefined && typeof lto.has_expiration !== 'boolean') {
      ctx.add('template.malformed', [...path, 'has_expiration'], 'has_expiration must be true or false.');
    }
    hasExpiration = lto.has_expiration === true;
  }
  if (ctx.category !== 'MARKETING') {
    ctx.add(
      'offer.category',
      ['category'],
      'Limited-time offer templates are MARKETING templates; set category: "MARKETING".',
    );
  }
  for (const c of ctx.components) {
    if (c.type === 'FOOTER') {
      ctx.add(
        'offer.footer_not_allowed',
        ['components', c.index],
        'Limited-time offer templates have no footer; remove the FOOTER component.',
      );
    }
    if (c.type === 'HEADER') {
      const format = upper(c.value.format);
      if (format !== 'IMAGE' && format !== 'VIDEO') {
        ctx.add(
          'offer.header_format',
          ['components', c.index, 'format'],
          `A limited-time offer header is IMAGE or VIDEO${format ? `, not ${format}` : ''}; change the format or remove the header.`,
        );
      }
    }
    if (c.type === 'BODY') {
      const text = asString(c.value.text);
      if (text !== undefined && codePointLength(text) > OFFER_BODY_MAX_LENGTH) {
        ctx.add(
          'offer.body_too_long',
          ['components', c.index, 'text'],
          `BODY text is ${codePointLength(text)} characters; limited-time offer templates allow ${OFFER_BODY_MAX_LENGTH}. Shorten it.`,
        );
      }
    }
  }
  const buttons = first(ctx.components, 'BUTTONS');
  const list = Array.isArray(buttons?.value.buttons) ? (buttons.value.buttons as unknown[]) : [];
  const kinds = list.map((b) => (isRecord(b) ? (upper(b.type) ?? '') : ''));
  const buttonsPath = buttons ? ['components', buttons.index, 'buttons'] : ['components'];
  if (!kinds.includes('URL')) {
    ctx.add(
      'offer.url_button_required',
      buttonsPath,
      'A limited-time offer template needs a URL button (where the offer is redeemed).',
    );
  }
  const copyAt = kinds.indexOf('COPY_CODE');
  if (hasExpiration && copyAt === -1) {
    ctx.add(
      'offer.copy_code',
      buttonsPath,
      'has_expiration is true, so the template needs a COPY_CODE button (the offer code whose expiry is shown), first in the buttons list.',
    );
  } else if (copyAt > 0) {
    ctx.add(
      'offer.copy_code',
      [...buttonsPath, copyAt],
      'In a limited-time offer template the COPY_CODE button comes first in the buttons list.',
    );
  }
}
