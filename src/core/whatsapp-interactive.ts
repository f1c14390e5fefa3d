/**
 * The neutral interactive message -> WhatsApp `interactive` object (pure). One mapping for every provider that
 * carries WhatsApp's object as it stands: the Cloud API (Meta, CleverTap BSP) and Vonage's `custom` messages.
 * Field names follow https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#interactive-object
 * and the pages cited on `InteractiveActionSchema`:
 * - `location_request` -> `{ type: 'location_request_message', body, action: { name: 'send_location' } }`;
 * - `flow` -> `{ type: 'flow', action: { name: 'flow', parameters: { flow_message_version: '3', flow_token,
 *   flow_id | flow_name, flow_cta, mode, flow_action, flow_action_payload: { screen, data } } } }`;
 * - `product` -> `action: { catalog_id, product_retailer_id }`; `product_list` -> `action: { catalog_id,
 *   sections: [{ title, product_items: [{ product_retailer_id }] }] }`;
 * - `catalog` -> `{ type: 'catalog_message', action: { name: 'catalog_message', parameters:
 *   { thumbnail_product_retailer_id } } }`;
 * - media headers -> `{ type: 'image' | 'video' | 'document', [type]: { link } | { id } }` (documents keep their
 *   `filename`).
 * @module
 */
import type { InteractiveHeader, InteractiveMessage } from './message.js';
import { type CloudApiBody as Body, mediaObject, omitUndefined } from './whatsapp-objects.js';

/** An interactive header -> WhatsApp's header object (text, or image / video / document by link or id). */
export function interactiveHeader(header: InteractiveHeader): Body {
  if (header.type === 'text') return { type: 'text', text: header.text };
  const object = mediaObject(header);
  if (header.type === 'document' && header.filename !== undefined) object.filename = header.filename;
  return { type: header.type, [header.type]: object };
}

/** The `interactive` object of an interactive message, for every action type of the neutral model. */
export function interactiveObject(message: InteractiveMessage): Body {
  const common = omitUndefined({
    header: message.header ? interactiveHeader(message.header) : undefined,
    body: message.body === undefined ? undefined : { text: message.body },
    footer: message.footer === undefined ? undefined : { text: message.footer },
  });
  const action = message.action;
  switch (action.type) {
    case 'buttons':
      return {
        type: 'button',
        ...common,
        action: {
          buttons: action.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })),
        },
      };
    case 'list':
      return {
        type: 'list',
        ...common,
        action: {
          button: action.button,
          sections: action.sections.map((s) =>
            omitUndefined({
              title: s.title,
              rows: s.rows.map((r) =>
                omitUndefined({ id: r.id, title: r.title, description: r.description }),
              ),
            }),
          ),
        },
      };
    case 'cta_url':
      return {
        type: 'cta_url',
        ...common,
        action: { name: 'cta_url', parameters: { display_text: action.displayText, url: action.url } },
      };
    case 'location_request':
      return { type: 'location_request_message', ...common, action: { name: 'send_location' } };
    case 'flow':
      return {
        type: 'flow',
        ...common,
        action: {
          name: 'flow',
          parameters: omitUndefined({
            flow_message_version: '3',
            flow_token: action.flowToken,
            flow_id: action.flowId,
            flow_name: action.flowName,
            flow_cta: action.cta,
            mode: action.mode,
            flow_action: action.flowAction,
            flow_action_payload:
              action.screen === undefined
                ? undefined
                : omitUndefined({ screen: action.screen, data: action.data }),
          }),
        },
      };
    case 'product':
      return {
        type: 'product',
        ...common,
        action: { catalog_id: action.catalogId, product_retailer_id: action.productRetailerId },
      };
    case 'product_list':
      return {
        type: 'product_list',
        ...common,
        action: {
          catalog_id: action.catalogId,
          sections: action.sections.map((s) =>
            omitUndefined({
              title: s.title,
              product_items: s.productRetailerIds.map((id) => ({ product_retailer_id: id })),
            }),
          ),
        },
      };
    case 'catalog':
      return {
        type: 'catalog_message',
        ...common,
        action: omitUndefined({
          name: 'catalog_message',
          parameters:
            action.thumbnailProductRetailerId === undefined
              ? undefined
              : { thumbnail_product_retailer_id: action.thumbnailProductRetailerId },
        }),
      };
  }
}
