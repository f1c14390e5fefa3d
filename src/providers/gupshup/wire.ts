/**
 * Neutral {@link PreparedMessage} -> Gupshup form request. Pure functions: no I/O, no clock.
 *
 * Session messages go to `POST /wa/api/v1/msg`, templates to `POST /wa/api/v1/template/msg`, both
 * `application/x-www-form-urlencoded` with `channel=whatsapp`, `source`, `destination`, `src.name`, and the
 * `message` / `template` / `postbackTexts` objects as JSON strings inside form fields.
 *
 * Mapping (Gupshup session types, https://docs.gupshup.io/docs/session-messages and the reference pages):
 * - text `{type:'text', text}` (+ `disablePreview` from `previewUrl`); image `{originalUrl, previewUrl, caption}`
 *   or `{id, caption}`; video `{url, caption}` or `{id}`; document -> `file` `{url, filename, caption}` (the file
 *   name defaults to the URL's last path segment); audio `{url}` or `{id}`; sticker `{url}`; location with string
 *   coordinates; contacts -> `contact` (one card per message).
 * - interactive buttons -> `quick_reply` (`msgid` = clientRef, `content`, `options[].postbackText` = button id);
 *   list -> `list` (`globalButtons`, `items[].options[].postbackText` = row id; `encode=true` when it holds emoji).
 *   Call-to-action URL messages have no Gupshup session type and are refused.
 * - reply context: `context: { msgId }` inside `message`.
 * - templates: by Gupshup template **id** (`name` is the id; `language` is ignored: the id fixes it),
 *   `params` = header text parameter, then body parameters, then URL-button parameters in button order (the
 *   order placeholders occur in the template); a media or location header goes in `message`; quick-reply
 *   payloads go in `postbackTexts` (`[{index, text}]`, 0-based).
 * @module
 */

import { UnsupportedMessageError, ValidationError } from '../../core/errors.js';
import { isBsuid } from '../../core/identity.js';
import {
  type ContactsMessage,
  type InteractiveMessage,
  OUTBOUND_MESSAGE_TYPES,
  type OutboundMessageType,
  type PreparedMessage,
  type TemplateMessageInput,
} from '../../core/message.js';
import { contactObject, headerParameter } from '../../core/whatsapp-objects.js';

/** Session message endpoint. */
export const GUPSHUP_MSG_PATH = '/wa/api/v1/msg';
/** Template message endpoint. */
export const GUPSHUP_TEMPLATE_PATH = '/wa/api/v1/template/msg';

/** Message types Gupshup can carry. Reactions have no Gupshup session type. */
export const GUPSHUP_SUPPORTS: ReadonlySet<OutboundMessageType> = new Set(
  OUTBOUND_MESSAGE_TYPES.filter((type) => type !== 'reaction'),
);

/**
 * A Gupshup request: the path and the form fields, JSON-valued fields already serialised.
 * @inline
 */
export interface GupshupRequest {
  /** `GUPSHUP_MSG_PATH` (session messages) or `GUPSHUP_TEMPLATE_PATH` (templates). */
  path: typeof GUPSHUP_MSG_PATH | typeof GUPSHUP_TEMPLATE_PATH;
  /** The form fields, `message` / `template` / `postbackTexts` as JSON strings. */
  form: Record<string, string>;
}

/** Options of {@link toGupshupRequest}. */
export interface GupshupWireOptions {
  /** The app's WhatsApp number, digits only. */
  source: string;
  /** The Gupshup app name (`src.name`). */
  appName: string;
}

/** A JSON object (a Gupshup `message` before serialisation). */
export type GupshupJson = Record<string, unknown>;

const omitUndefined = <T extends GupshupJson>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function invalid(message: string, path: (string | number)[], code: string): never {
  throw new ValidationError(message, { provider: 'gupshup', issues: [{ code, path, message }] });
}

const EMOJI = /\p{Extended_Pictographic}/u;

/** The last path segment of a URL, used as a document's file name when none is given. */
export function fileNameFromUrl(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    return segment ? decodeURIComponent(segment) : 'document';
  } catch {
    return 'document';
  }
}

/** The Gupshup `quick_reply` or `list` message for an interactive message. */
export function interactiveMessage(m: InteractiveMessage & { clientRef: string }): GupshupJson {
  const a = m.action;
  if (a.type === 'buttons') {
    return {
      type: 'quick_reply',
      msgid: m.clientRef,
      content: omitUndefined({ type: 'text', header: m.header?.text, text: m.body, caption: m.footer }),
      options: a.buttons.map((b) => ({ type: 'text', title: b.title, postbackText: b.id })),
    };
  }
  if (a.type === 'list') {
    // `footer` is shown in Gupshup's list samples but not in the field table; it is sent only when given.
    return omitUndefined({
      type: 'list',
      title: m.header?.text ?? '',
      body: m.body,
      footer: m.footer,
      msgid: m.clientRef,
      globalButtons: [{ type: 'text', title: a.button }],
      items: a.sections.map((s) =>
        omitUndefined({
          title: s.title,
          options: s.rows.map((r) =>
            omitUndefined({ type: 'text', title: r.title, description: r.description, postbackText: r.id }),
          ),
        }),
      ),
    });
  }
  throw new UnsupportedMessageError(
    'Gupshup has no session message type for call-to-action URL buttons; send the link in a text message or use an approved template with a URL button.',
    { provider: 'gupshup', messageType: 'interactive' },
  );
}

/** The Gupshup `contact` message (one card). */
export function contactMessage(m: ContactsMessage): GupshupJson {
  if (m.contacts.length !== 1)
    invalid(
      `Gupshup sends one contact card per message; got ${m.contacts.length}. Send one message per contact.`,
      ['contacts'],
      'gupshup.contacts_count',
    );
  return { type: 'contact', contact: contactObject(m.contacts[0]!) };
}

/** Builds the session `message` object for a non-template message. */
export function sessionMessage(m: Exclude<PreparedMessage, TemplateMessageInput>): GupshupJson {
  const context = m.replyTo !== undefined ? { context: { msgId: m.replyTo } } : {};
  const media = (o: GupshupJson): GupshupJson => ({ ...omitUndefined(o), ...context });
  switch (m.type) {
    case 'text':
      return { type: 'text', text: m.text, ...context };
    case 'image':
      return m.url !== undefined
        ? media({ type: 'image', originalUrl: m.url, previewUrl: m.url, caption: m.caption })
        : media({ type: 'image', id: m.mediaId, caption: m.caption });
    case 'video':
      return m.url !== undefined
        ? media({ type: 'video', url: m.url, caption: m.caption })
        : media({ type: 'video', id: m.mediaId, caption: m.caption });
    case 'audio':
      return m.url !== undefined
        ? media({ type: 'audio', url: m.url })
        : media({ type: 'audio', id: m.mediaId });
    case 'document':
      return m.url !== undefined
        ? media({
            type: 'file',
            url: m.url,
            filename: m.filename ?? fileNameFromUrl(m.url),
            caption: m.caption,
          })
        : media({
            type: 'file',
            id: m.mediaId,
            filename:
              m.filename ??
              invalid(
                'Gupshup needs a filename for a document sent by mediaId.',
                ['filename'],
                'gupshup.filename_required',
              ),
            caption: m.caption,
          });
    case 'sticker':
      if (m.url === undefined)
        invalid(
          'Gupshup sends stickers by URL only; pass a public https url.',
          ['mediaId'],
          'gupshup.media_id_unsupported',
        );
      return media({ type: 'sticker', url: m.url });
    case 'location':
      return media({
        type: 'location',
        longitude: String(m.longitude),
        latitude: String(m.latitude),
        name: m.name,
        address: m.address,
      });
    case 'contacts':
      return { ...contactMessage(m), ...context };
    case 'interactive':
      return { ...interactiveMessage(m), ...context };
    case 'reaction':
      throw new UnsupportedMessageError('Gupshup cannot send reactions.', {
        provider: 'gupshup',
        messageType: 'reaction',
      });
  }
}

/** The template fields (`template`, optional `message` and `postbackTexts`) of a template message. */
export function templateFields(m: TemplateMessageInput): Record<string, string> {
  if (m.replyTo !== undefined)
    invalid(
      'Gupshup template messages cannot quote a message; remove replyTo.',
      ['replyTo'],
      'gupshup.reply_unsupported',
    );
  if (m.body !== undefined && !Array.isArray(m.body))
    invalid(
      'Gupshup fills template placeholders in order; pass body as an array of strings, not named parameters.',
      ['body'],
      'gupshup.named_params_unsupported',
    );
  const buttons = [...(m.buttons ?? [])].sort((a, b) => a.index - b.index);
  const copy = buttons.find((b) => b.type === 'copy_code');
  if (copy)
    throw new UnsupportedMessageError(
      "Gupshup's template API documents no copy-code button parameter; send this template through Meta's Cloud API.",
      { provider: 'gupshup', messageType: 'template' },
    );
  const params: string[] = [];
  const h = m.header;
  if (h?.type === 'text') params.push(h.text);
  params.push(...((m.body as string[] | undefined) ?? []));
  for (const b of buttons) if (b.type === 'url') params.push(b.text);
  const form: Record<string, string> = { template: JSON.stringify({ id: m.name, params }) };
  if (h && h.type !== 'text') {
    // A media header is WhatsApp's header parameter as it stands; a location one keeps Gupshup's string
    // coordinates (as in its session location message), so it stays local.
    const header =
      h.type === 'location'
        ? {
            type: 'location',
            location: omitUndefined({
              longitude: String(h.longitude),
              latitude: String(h.latitude),
              name: h.name,
              address: h.address,
            }),
          }
        : headerParameter(h);
    form.message = JSON.stringify(header);
  }
  const postbacks = buttons.flatMap((b) =>
    b.type === 'quick_reply' ? [{ index: b.index, text: b.payload }] : [],
  );
  if (postbacks.length > 0) form.postbackTexts = JSON.stringify(postbacks);
  return form;
}

/**
 * Builds the Gupshup request for a prepared message.
 *
 * @example
 * ```ts
 * const { path, form } = toGupshupRequest(prepared, { source: '917834811114', appName: 'DemoApp' });
 * // path '/wa/api/v1/msg'; form.message === '{"type":"text","text":"Hi"}'
 * ```
 */
export function toGupshupRequest(m: PreparedMessage, options: GupshupWireOptions): GupshupRequest {
  if (isBsuid(m.to))
    // Gupshup reports BSUIDs in webhooks (https://partner-docs.gupshup.io/docs/bsuid) but documents no way to send
    // to one on the self-serve API (`destination` is a phone number).
    throw new UnsupportedMessageError(
      "Gupshup's messaging API cannot send to a business-scoped user id (BSUID): `destination` must be the user's phone number. Send to the phone number (the webhook's `from`) instead.",
      { provider: 'gupshup', messageType: m.type },
    );
  const common = {
    channel: 'whatsapp',
    source: options.source,
    destination: m.to.replace(/^\+/, ''),
    'src.name': options.appName,
  };
  if (m.type === 'template')
    return { path: GUPSHUP_TEMPLATE_PATH, form: { ...common, ...templateFields(m) } };
  const message = sessionMessage(m);
  const form: Record<string, string> = { ...common, message: JSON.stringify(message) };
  if (m.type === 'text' && m.previewUrl !== undefined) form.disablePreview = String(!m.previewUrl);
  if (m.type === 'interactive' && message.type === 'list' && EMOJI.test(JSON.stringify(message)))
    form.encode = 'true';
  return { path: GUPSHUP_MSG_PATH, form };
}
