/**
 * Outbound messages as the customer would see them on the phone: a neutral view the inspector renders. Each
 * provider module maps its own wire body to it; the WhatsApp message object (what the Cloud API sends, and what
 * Vonage's `custom` type carries) and the filling of a stored template are shared here.
 *
 * Sources: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages (message object),
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates (send-time components).
 * Tolerant by design: an unknown or partial body gives `{ kind: 'other' }` with what could be read.
 * @module
 */
import { isRecord } from '../core/record.js';
import type { SandboxTemplate, TemplateStore } from './templates.js';

/** A button under a message. `reply` buttons (and template quick replies) can be tapped in the inspector. */
export interface ViewButton {
  /**
   * `location` (a location request's "Send location"), `flow` (opens a Flow), `catalog` (a product, product list
   * or catalog button) are drawn by WhatsApp itself and cannot be tapped in the inspector.
   */
  type: 'reply' | 'url' | 'phone' | 'copy_code' | 'location' | 'flow' | 'catalog' | 'other';
  title: string;
  /** What a tap sends back: the reply id, or a template quick reply's payload (its text when none was set). */
  id?: string | undefined;
  /** The link of a URL button, the number of a phone button. */
  value?: string | undefined;
}

/** A list message's menu. */
export interface ViewList {
  button: string;
  sections: {
    title?: string | undefined;
    rows: { id: string; title: string; description?: string | undefined }[];
  }[];
}

/** An outbound message as rendered on the phone. */
export interface MessageView {
  kind: 'text' | 'media' | 'location' | 'template' | 'interactive' | 'reaction' | 'contacts' | 'other';
  /** The template's name, for templates. */
  template?: string | undefined;
  header?:
    | { type: 'text'; text: string }
    | { type: 'image' | 'video' | 'document'; url?: string | undefined; id?: string | undefined }
    | {
        type: 'location';
        latitude?: number | undefined;
        longitude?: number | undefined;
        name?: string | undefined;
      }
    | undefined;
  /** The body text, parameters filled. */
  text?: string | undefined;
  footer?: string | undefined;
  media?:
    | {
        type: string;
        url?: string | undefined;
        id?: string | undefined;
        caption?: string | undefined;
        filename?: string | undefined;
      }
    | undefined;
  location?:
    | { latitude: number; longitude: number; name?: string | undefined; address?: string | undefined }
    | undefined;
  buttons?: ViewButton[] | undefined;
  list?: ViewList | undefined;
  /** A reaction's emoji. */
  emoji?: string | undefined;
  /** Why the template could not be filled (not in the store), when it could not. */
  note?: string | undefined;
  /** Carousel templates: each card as the customer sees it (header, body, buttons). */
  cards?: MessageView[] | undefined;
  /** Limited-time offer templates: the offer heading and, when given at send time, its expiry. */
  offer?: { text?: string | undefined; expiresAt?: string | undefined } | undefined;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];

/** The media kinds of the WhatsApp message object. */
const MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker', 'file']);

/** A media object (`link` on the Cloud API, `url` on Vonage and in views). */
export function mediaView(type: string, media: unknown): MessageView {
  const m = isRecord(media) ? media : {};
  return {
    kind: 'media',
    media: {
      type: type === 'file' ? 'document' : type,
      url: str(m.link) ?? str(m.url) ?? str(m.originalUrl),
      id: str(m.id),
      caption: str(m.caption),
      filename: str(m.filename) ?? str(m.name),
    },
  };
}

/** The text a send-time parameter shows (text, currency or date fallback, payload). */
function parameterText(p: Record<string, unknown>): string {
  const currency = isRecord(p.currency) ? str(p.currency.fallback_value) : undefined;
  const date = isRecord(p.date_time) ? str(p.date_time.fallback_value) : undefined;
  return str(p.text) ?? currency ?? date ?? str(p.payload) ?? '';
}

/** Send-time values of a template, provider-neutral. */
export interface TemplateFill {
  /** Body parameters: in order (positional) or by name. */
  body: string[] | Record<string, string>;
  /** Header text parameters, in order. */
  headerText?: string[] | undefined;
  /** A media or location header given at send time. */
  header?: MessageView['header'];
  /** Quick-reply payloads by button index. */
  payloads?: Record<number, string> | undefined;
  /** Carousel templates: each card's values, in card order. */
  cards?: TemplateFill[] | undefined;
  /** Limited-time offer templates: the expiry given at send time (Unix milliseconds). */
  offerExpiresMs?: number | undefined;
}

/** Replaces `{{1}}` / `{{name}}` in `text` with the filled values (a missing value stays as the placeholder). */
function fill(text: string, values: string[] | Record<string, string>): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => {
    const value = Array.isArray(values) ? values[Number(key) - 1] : values[key];
    return value ?? whole;
  });
}

/** The buttons of a BUTTONS component, as the customer sees them. */
function buttonViews(c: Record<string, unknown>, values: TemplateFill): ViewButton[] {
  return records(c.buttons).map((b, index): ViewButton => {
    const title = str(b.text) ?? '';
    switch (str(b.type)?.toUpperCase()) {
      case 'QUICK_REPLY':
        return { type: 'reply', title, id: values.payloads?.[index] ?? title };
      case 'URL':
        return { type: 'url', title, value: str(b.url) };
      case 'PHONE_NUMBER':
        return { type: 'phone', title, value: str(b.phone_number) };
      case 'COPY_CODE':
        return { type: 'copy_code', title: title || 'Copy code' };
      case 'OTP':
        return str(b.otp_type)?.toUpperCase() === 'COPY_CODE' || !str(b.autofill_text)
          ? { type: 'copy_code', title: title || 'Copy code' }
          : { type: 'other', title: str(b.autofill_text) ?? 'Autofill' };
      case 'FLOW':
        return { type: 'flow', title, value: str(b.flow_id) ?? str(b.flow_name) };
      case 'CATALOG':
      case 'MPM':
      case 'SPM':
        return { type: 'catalog', title: title || 'View' };
      default:
        return { type: 'other', title };
    }
  });
}

/** The components of a template (or of one carousel card) filled with send-time values. */
function fillComponents(
  components: Record<string, unknown>[],
  values: TemplateFill,
  view: MessageView,
  authentication: boolean,
): void {
  for (const c of components) {
    const type = str(c.type)?.toUpperCase();
    if (type === 'HEADER') {
      const format = str(c.format)?.toUpperCase() ?? 'TEXT';
      if (format === 'TEXT')
        view.header = { type: 'text', text: fill(str(c.text) ?? '', values.headerText ?? []) };
      else if (format !== 'PRODUCT')
        view.header = values.header ?? {
          type: format === 'LOCATION' ? 'location' : (format.toLowerCase() as 'image' | 'video' | 'document'),
        };
    } else if (type === 'BODY') {
      // Authentication templates carry no text of their own: Meta writes it around the code.
      const text =
        str(c.text) ??
        (authentication
          ? `{{1}} is your verification code.${c.add_security_recommendation === true ? ' For your security, do not share this code.' : ''}`
          : '');
      view.text = fill(text, values.body);
    } else if (type === 'FOOTER') {
      const minutes = c.code_expiration_minutes;
      view.footer =
        str(c.text) ?? (typeof minutes === 'number' ? `This code expires in ${minutes} minutes.` : undefined);
    } else if (type === 'BUTTONS') view.buttons = buttonViews(c, values);
    else if (type === 'LIMITED_TIME_OFFER') {
      const offer = isRecord(c.limited_time_offer) ? c.limited_time_offer : {};
      view.offer = {
        text: str(offer.text),
        expiresAt:
          values.offerExpiresMs === undefined ? undefined : new Date(values.offerExpiresMs).toISOString(),
      };
    } else if (type === 'CAROUSEL') {
      view.cards = records(c.cards).map((card, i) => {
        const cardView: MessageView = { kind: 'template' };
        fillComponents(records(card.components), values.cards?.[i] ?? { body: [] }, cardView, false);
        return cardView;
      });
    }
  }
}

/** A stored template filled with send-time values, as the customer sees it. */
export function templateView(
  name: string,
  template: SandboxTemplate | undefined,
  values: TemplateFill,
): MessageView {
  if (!template) return { kind: 'template', template: name, note: `template ${name} is not in the store` };
  const view: MessageView = { kind: 'template', template: template.name };
  fillComponents(
    template.components as unknown as Record<string, unknown>[],
    values,
    view,
    String(template.category).toUpperCase() === 'AUTHENTICATION',
  );
  return view;
}

/** The send-time values of a WhatsApp template object's `components` (or of one carousel card's). */
function cloudTemplateFill(components: unknown): TemplateFill {
  const result: TemplateFill = { body: [], payloads: {} };
  for (const c of records(components)) {
    const type = str(c.type)?.toLowerCase();
    const params = records(c.parameters);
    if (type === 'body') {
      const named = params.some((p) => typeof p.parameter_name === 'string');
      result.body = named
        ? Object.fromEntries(params.map((p) => [str(p.parameter_name) ?? '', parameterText(p)]))
        : params.map(parameterText);
    } else if (type === 'header') {
      const p = params[0];
      const kind = str(p?.type);
      if (p && kind === 'text') result.headerText = params.map(parameterText);
      else if (p && kind === 'location' && isRecord(p.location))
        result.header = {
          type: 'location',
          latitude: num(p.location.latitude),
          longitude: num(p.location.longitude),
          name: str(p.location.name),
        };
      else if (p && (kind === 'image' || kind === 'video' || kind === 'document')) {
        const media = isRecord(p[kind]) ? (p[kind] as Record<string, unknown>) : {};
        result.header = { type: kind, url: str(media.link), id: str(media.id) };
      }
    } else if (type === 'button' && str(c.sub_type)?.toLowerCase() === 'quick_reply') {
      const payload = params[0] ? str(params[0].payload) : undefined;
      if (payload !== undefined && result.payloads) result.payloads[Number(c.index)] = payload;
    } else if (type === 'limited_time_offer') {
      const offer = params[0] && isRecord(params[0].limited_time_offer) ? params[0].limited_time_offer : {};
      result.offerExpiresMs = num(offer.expiration_time_ms);
    } else if (type === 'carousel') {
      result.cards = records(c.cards).map((card) => cloudTemplateFill(card.components));
    }
  }
  return result;
}

/** An interactive object (buttons, list, CTA URL). */
function interactiveView(o: Record<string, unknown>): MessageView {
  const h = isRecord(o.header) ? o.header : undefined;
  const headerType = str(h?.type);
  const header: MessageView['header'] =
    headerType === 'text'
      ? { type: 'text', text: str(h?.text) ?? '' }
      : headerType === 'image' || headerType === 'video' || headerType === 'document'
        ? {
            type: headerType,
            url: mediaView(headerType, h?.[headerType]).media?.url,
            id: mediaView(headerType, h?.[headerType]).media?.id,
          }
        : undefined;
  const view: MessageView = {
    kind: 'interactive',
    header,
    text: isRecord(o.body) ? str(o.body.text) : undefined,
    footer: isRecord(o.footer) ? str(o.footer.text) : undefined,
  };
  const action = isRecord(o.action) ? o.action : {};
  const type = str(o.type);
  if (type === 'button')
    view.buttons = records(action.buttons).map((b) => {
      const reply = isRecord(b.reply) ? b.reply : {};
      return { type: 'reply', id: str(reply.id), title: str(reply.title) ?? '' };
    });
  else if (type === 'list')
    view.list = {
      button: str(action.button) ?? 'Menu',
      sections: records(action.sections).map((s) => ({
        title: str(s.title),
        rows: records(s.rows).map((r) => ({
          id: str(r.id) ?? '',
          title: str(r.title) ?? '',
          description: str(r.description),
        })),
      })),
    };
  else if (type === 'cta_url' && isRecord(action.parameters))
    view.buttons = [
      { type: 'url', title: str(action.parameters.display_text) ?? '', value: str(action.parameters.url) },
    ];
  else if (type === 'location_request_message') view.buttons = [{ type: 'location', title: 'Send location' }];
  else if (type === 'flow' && isRecord(action.parameters))
    view.buttons = [
      {
        type: 'flow',
        title: str(action.parameters.flow_cta) ?? '',
        value: str(action.parameters.flow_id) ?? str(action.parameters.flow_name),
      },
    ];
  else if (type === 'product')
    view.buttons = [{ type: 'catalog', title: 'View', value: str(action.product_retailer_id) }];
  else if (type === 'product_list')
    view.list = {
      button: 'View items',
      sections: records(action.sections).map((s) => ({
        title: str(s.title),
        rows: records(s.product_items).map((item) => {
          const id = str(item.product_retailer_id) ?? '';
          return { id, title: id };
        }),
      })),
    };
  else if (type === 'catalog_message') {
    const thumbnail = isRecord(action.parameters)
      ? str(action.parameters.thumbnail_product_retailer_id)
      : undefined;
    view.buttons = [{ type: 'catalog', title: 'View catalog', value: thumbnail }];
  }
  return view;
}

/** A WhatsApp message object (`{type, text|image|...|template}`) as the customer sees it. */
export function cloudMessageView(body: unknown, templates: TemplateStore): MessageView {
  if (!isRecord(body)) return { kind: 'other' };
  const type = str(body.type) ?? 'text';
  const object = body[type];
  const o = isRecord(object) ? object : {};
  if (type === 'text') return { kind: 'text', text: str(o.body) ?? str(object) };
  if (MEDIA.has(type)) return mediaView(type, o);
  if (type === 'location')
    return {
      kind: 'location',
      location: {
        latitude: num(o.latitude) ?? 0,
        longitude: num(o.longitude) ?? 0,
        name: str(o.name),
        address: str(o.address),
      },
    };
  if (type === 'interactive') return interactiveView(o);
  if (type === 'reaction') return { kind: 'reaction', emoji: str(o.emoji) };
  if (type === 'contacts') return { kind: 'contacts', text: `${records(object).length} contact card(s)` };
  if (type === 'template') {
    const name = str(o.name) ?? '';
    const language = isRecord(o.language) ? str(o.language.code) : undefined;
    return templateView(name, templates.find(name, language), cloudTemplateFill(o.components));
  }
  return { kind: 'other', text: type };
}
