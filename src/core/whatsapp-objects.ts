/**
 * The WhatsApp message objects, as Meta's Cloud API defines them: media references, `location`, contact cards
 * (the `interactive` object is in `whatsapp-interactive.ts`, the `template` object in `whatsapp-template.ts`). Several providers carry these objects as they stand: the Cloud
 * API (`waba-kit/meta`, `waba-kit/clevertap`), Vonage's `custom` messages and Gupshup's contact and template
 * header fields, so they live once here rather than in one provider's folder. Pure functions: no I/O, no
 * config. Field names follow Meta's OpenAPI description (`business-messaging-api_v23.0.yaml`, `Message`
 * discriminator) and https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages.
 * @module
 */
import type {
  Contact,
  LocationMessage,
  TemplateBodyValue,
  TemplateMessageInput,
  TemplateRichParameter,
} from './message.js';

/** A JSON object as sent on the wire. */
export type CloudApiBody = Record<string, unknown>;

/**
 * A template body parameter the Cloud API types beyond plain text: `currency` and `date_time`. The neutral
 * `TemplateMessage` carries them for every provider; this is their Cloud API name.
 */
export type CloudApiRichParameter = TemplateRichParameter;

/** A template body parameter value: text, or a {@link CloudApiRichParameter}. */
export type CloudApiBodyValue = TemplateBodyValue;

/** A template message as the Cloud API maps it (rich parameters are part of the neutral model). */
export type CloudApiTemplateInput = TemplateMessageInput;

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
