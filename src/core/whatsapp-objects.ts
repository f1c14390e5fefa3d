/**
 * The WhatsApp message objects, as Meta's Cloud API defines them (`template`, `interactive`, `location`,
 * contact cards, template header parameters). Several providers carry these objects as they stand: the Cloud
 * API (`waba-kit/meta`, `waba-kit/clevertap`), Vonage's `custom` messages and Gupshup's contact and template
 * header fields, so they live once here rather than in one provider's folder. Pure functions: no I/O, no
 * config. Field names follow Meta's OpenAPI description (`business-messaging-api_v23.0.yaml`, `Message`
 * discriminator) and https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages.
 * @module
 */
import type {
  Contact,
  InteractiveMessage,
  LocationMessage,
  TemplateButton,
  TemplateHeader,
  TemplateMessageInput,
} from './message.js';

/** A JSON object as sent on the wire. */
export type CloudApiBody = Record<string, unknown>;

/**
 * A template body parameter the Cloud API types beyond plain text: `currency` and `date_time`. Meta renders the
 * `fallbackValue` (localisation of these types was retired), so a plain string works too; these exist for
 * templates reviewed with currency/date examples.
 */
export type CloudApiRichParameter =
  | { type: 'currency'; fallbackValue: string; code: string; amount1000: number }
  | { type: 'date_time'; fallbackValue: string };

/**
 * A template body parameter value: text, or a {@link CloudApiRichParameter}.
 * @inline
 */
export type CloudApiBodyValue = string | CloudApiRichParameter;

/** A template message whose body parameters may also be {@link CloudApiRichParameter}s. */
export type CloudApiTemplateInput = Omit<TemplateMessageInput, 'body'> & {
  body?: CloudApiBodyValue[] | Record<string, CloudApiBodyValue> | undefined;
};

/** A media reference -> `{ id }` (an uploaded media id) or `{ link }` (a URL). */
export function mediaObject(message: {
  url?: string | undefined;
  mediaId?: string | undefined;
}): CloudApiBody {
  return message.mediaId !== undefined ? { id: message.mediaId } : { link: message.url };
}

/** A copy of `o` without its `undefined` fields (the wire leaves absent fields out). */
export function omitUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A map pin -> WhatsApp's location object (`latitude`, `longitude`, optional `name` and `address`). */
export function locationObject(
  location: Pick<LocationMessage, 'latitude' | 'longitude' | 'name' | 'address'>,
): CloudApiBody {
  return omitUndefined({
    latitude: location.latitude,
    longitude: location.longitude,
    name: location.name,
    address: location.address,
  });
}

/**
 * Template header -> its one parameter: `{ type: 'text', text }`, `{ type: 'location', location }`, or
 * `{ type: 'image' | 'video' | 'document', [type]: { link } | { id } }` (documents with their `filename`).
 */
export function headerParameter(header: TemplateHeader): CloudApiBody {
  if (header.type === 'text') return { type: 'text', text: header.text };
  if (header.type === 'location') return { type: 'location', location: locationObject(header) };
  const object = mediaObject(header);
  if (header.type === 'document' && header.filename !== undefined) object.filename = header.filename;
  return { type: header.type, [header.type]: object };
}

/** Template header -> the `header` component. */
export function headerComponent(header: TemplateHeader): CloudApiBody {
  return { type: 'header', parameters: [headerParameter(header)] };
}

function bodyParameter(value: CloudApiBodyValue, name?: string): CloudApiBody {
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
  body: CloudApiBodyValue[] | Record<string, CloudApiBodyValue>,
): CloudApiBody | undefined {
  const parameters = Array.isArray(body)
    ? body.map((value) => bodyParameter(value))
    : Object.entries(body).map(([name, value]) => bodyParameter(value, name));
  return parameters.length === 0 ? undefined : { type: 'body', parameters };
}

/**
 * A dynamic template button -> a `button` component. `index` is the button's 0-based position in the template,
 * sent as a string as in Meta's reference. Quick replies carry a `payload`, URL buttons the URL suffix as `text`,
 * copy-code buttons a `coupon_code`.
 */
export function buttonComponent(button: TemplateButton): CloudApiBody {
  const base = { type: 'button', index: String(button.index) };
  switch (button.type) {
    case 'quick_reply':
      return { ...base, sub_type: 'quick_reply', parameters: [{ type: 'payload', payload: button.payload }] };
    case 'url':
      return { ...base, sub_type: 'url', parameters: [{ type: 'text', text: button.text }] };
    case 'copy_code':
      return {
        ...base,
        sub_type: 'copy_code',
        parameters: [{ type: 'coupon_code', coupon_code: button.code }],
      };
  }
}

/** The `template` object of a template message. */
export function templateObject(
  message: Pick<CloudApiTemplateInput, 'name' | 'language' | 'header' | 'body' | 'buttons'>,
): CloudApiBody {
  const components: CloudApiBody[] = [];
  if (message.header) components.push(headerComponent(message.header));
  const body = message.body === undefined ? undefined : bodyComponent(message.body);
  if (body) components.push(body);
  for (const button of [...(message.buttons ?? [])].sort((a, b) => a.index - b.index)) {
    components.push(buttonComponent(button));
  }
  return {
    name: message.name,
    language: { code: message.language, policy: 'deterministic' },
    ...(components.length > 0 ? { components } : {}),
  };
}

/** The `interactive` object: reply buttons, a list, or a call-to-action URL button. */
export function interactiveObject(message: InteractiveMessage): CloudApiBody {
  const common = omitUndefined({
    header: message.header ? { type: 'text', text: message.header.text } : undefined,
    body: { text: message.body },
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
  }
}

/**
 * One neutral contact card -> WhatsApp's contact object (`name.formatted_name`, `phones[].wa_id`, `emails`,
 * `org`, `urls`). The one mapping for every provider that carries it: the Cloud API's `contacts` array, Vonage's
 * `custom` contacts and Gupshup's `contact` session message all take this object as it stands.
 */
export function contactObject(contact: Contact): CloudApiBody {
  return omitUndefined({
    name: omitUndefined({
      formatted_name: contact.name.formattedName,
      first_name: contact.name.firstName,
      last_name: contact.name.lastName,
    }),
    phones: contact.phones?.map((p) => omitUndefined({ phone: p.phone, type: p.type, wa_id: p.waId })),
    emails: contact.emails?.map((e) => omitUndefined({ email: e.email, type: e.type })),
    org: contact.organization
      ? omitUndefined({ company: contact.organization.company, title: contact.organization.title })
      : undefined,
    urls: contact.urls?.map((u) => omitUndefined({ url: u.url, type: u.type })),
  });
}
