/**
 * The neutral template message -> WhatsApp `template` object (pure): header, body (text, `currency`, `date_time`,
 * positional or named), limited-time offer, buttons (quick reply, URL, copy code, Flow, catalog, multi-product)
 * and carousel cards. One mapping for the Cloud API (Meta, CleverTap BSP) and Vonage's `custom` templates.
 * Sources: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#template-object,
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates,
 * .../send-message-templates/media-card-carousel-templates (`carousel` component, `card_index`),
 * .../business-management-api/message-templates/limited-time-offer-templates (`limited_time_offer` parameter
 * with `expiration_time_ms`), .../cloud-api/guides/send-message-templates/coupon-templates (`coupon_code`),
 * .../flows/guides/sendingaflow (flow button: `action` with `flow_token`, `flow_action_data`),
 * .../message-templates/catalog-templates (`CATALOG` sub-type, `thumbnail_product_retailer_id`) and
 * .../message-templates/mpm-templates (`mpm` sub-type, `sections`).
 * @module
 */
import type {
  TemplateBodyValue,
  TemplateButton,
  TemplateCard,
  TemplateHeader,
  TemplateMessage,
} from './message.js';
import { type CloudApiBody as Body, locationObject, mediaObject, omitUndefined } from './whatsapp-objects.js';

/**
 * Template header -> its one parameter: `{ type: 'text', text }`, `{ type: 'location', location }`, or
 * `{ type: 'image' | 'video' | 'document', [type]: { link } | { id } }` (documents with their `filename`).
 */
export function headerParameter(header: TemplateHeader): Body {
  if (header.type === 'text') return { type: 'text', text: header.text };
  if (header.type === 'location') return { type: 'location', location: locationObject(header) };
  const object = mediaObject(header);
  if (header.type === 'document' && header.filename !== undefined) object.filename = header.filename;
  return { type: header.type, [header.type]: object };
}

/** Template header -> the `header` component. */
export function headerComponent(header: TemplateHeader): Body {
  return { type: 'header', parameters: [headerParameter(header)] };
}

function bodyParameter(value: TemplateBodyValue, name?: string): Body {
  const named = name === undefined ? {} : { parameter_name: name };
  if (typeof value === 'string') return { type: 'text', ...named, text: value };
  if (value.type === 'currency') {
    return {
      type: 'currency',
      ...named,
      currency: { fallback_value: value.fallbackValue, code: value.code, amount_1000: value.amount1000 },
    };
  }
  return { type: 'date_time', ...named, date_time: { fallback_value: value.fallbackValue } };
}

/**
 * Template body parameters -> the `body` component: an array is positional (`{{1}}`, `{{2}}`...), a record is
 * named (`parameter_name`, for templates created with `parameter_format: "named"`).
 */
export function bodyComponent(
  body: TemplateBodyValue[] | Record<string, TemplateBodyValue>,
): Body | undefined {
  const parameters = Array.isArray(body)
    ? body.map((value) => bodyParameter(value))
    : Object.entries(body).map(([name, value]) => bodyParameter(value, name));
  return parameters.length === 0 ? undefined : { type: 'body', parameters };
}

/**
 * A dynamic template button -> a `button` component. `index` is the button's 0-based position in the template,
 * sent as a string as in Meta's reference. Quick replies carry a `payload`, URL buttons the URL suffix as `text`
 * (authentication templates send the code this way too), copy-code buttons a `coupon_code`, Flow, catalog and
 * multi-product buttons an `action`.
 */
export function buttonComponent(button: TemplateButton): Body {
  const index = String(button.index);
  const action = (subType: string, value: Body): Body => ({
    type: 'button',
    sub_type: subType,
    index,
    parameters: [{ type: 'action', action: value }],
  });
  switch (button.type) {
    case 'quick_reply':
      return {
        type: 'button',
        sub_type: 'quick_reply',
        index,
        parameters: [{ type: 'payload', payload: button.payload }],
      };
    case 'url':
      return { type: 'button', sub_type: 'url', index, parameters: [{ type: 'text', text: button.text }] };
    case 'copy_code':
      return {
        type: 'button',
        sub_type: 'copy_code',
        index,
        parameters: [{ type: 'coupon_code', coupon_code: button.code }],
      };
    case 'flow':
      return action(
        'flow',
        omitUndefined({ flow_token: button.flowToken, flow_action_data: button.flowActionData }),
      );
    case 'catalog':
      return action(
        'CATALOG',
        omitUndefined({ thumbnail_product_retailer_id: button.thumbnailProductRetailerId }),
      );
    case 'mpm':
      return action('mpm', {
        thumbnail_product_retailer_id: button.thumbnailProductRetailerId,
        sections: button.sections.map((s) => ({
          title: s.title,
          product_items: s.productRetailerIds.map((id) => ({ product_retailer_id: id })),
        })),
      });
  }
}

function cardHeader(header: TemplateCard['header']): Body {
  if (header.type === 'product') {
    return {
      type: 'product',
      product: { product_retailer_id: header.productRetailerId, catalog_id: header.catalogId },
    };
  }
  return { type: header.type, [header.type]: mediaObject(header) };
}

/** One carousel card -> `{ card_index, components: [header, body?, buttons...] }`. */
export function cardObject(card: TemplateCard, cardIndex: number): Body {
  const components: Body[] = [{ type: 'header', parameters: [cardHeader(card.header)] }];
  const body = card.body === undefined ? undefined : bodyComponent(card.body);
  if (body) components.push(body);
  for (const button of [...(card.buttons ?? [])].sort((a, b) => a.index - b.index)) {
    components.push(buttonComponent(button));
  }
  return { card_index: cardIndex, components };
}

/** The `template` object of a template message. */
export function templateObject(
  message: Pick<
    TemplateMessage,
    'name' | 'language' | 'header' | 'body' | 'buttons' | 'limitedTimeOffer' | 'cards'
  >,
): Body {
  const components: Body[] = [];
  if (message.header) components.push(headerComponent(message.header));
  const body = message.body === undefined ? undefined : bodyComponent(message.body);
  if (body) components.push(body);
  if (message.limitedTimeOffer) {
    components.push({
      type: 'limited_time_offer',
      parameters: [
        {
          type: 'limited_time_offer',
          limited_time_offer: { expiration_time_ms: message.limitedTimeOffer.expirationTimeMs },
        },
      ],
    });
  }
  for (const button of [...(message.buttons ?? [])].sort((a, b) => a.index - b.index)) {
    components.push(buttonComponent(button));
  }
  if (message.cards) {
    components.push({ type: 'carousel', cards: message.cards.map((card, i) => cardObject(card, i)) });
  }
  return {
    name: message.name,
    language: { code: message.language, policy: 'deterministic' },
    ...(components.length > 0 ? { components } : {}),
  };
}
