import { describe, expect, it } from 'vitest';
import { isUnsupportedMessageError, isValidationError } from '../../../src/core/errors.js';
import type { PreparedMessage } from '../../../src/core/message.js';
import {
  customTemplate,
  isSimpleTemplate,
  NEXMO_SUPPORTS,
  toNexmoBody,
  toNexmoV1,
  toNexmoV01,
} from '../../../src/providers/nexmo/index.js';

const FROM = '447700900001';
const TO = '447700900000';
const p = (m: Record<string, unknown>): PreparedMessage =>
  ({ to: `+${TO}`, clientRef: 'ref-1', ...m }) as unknown as PreparedMessage;
const v1base = { to: TO, from: FROM, channel: 'whatsapp', client_ref: 'ref-1' };
const v01env = {
  from: { type: 'whatsapp', number: FROM },
  to: { type: 'whatsapp', number: TO },
  client_ref: 'ref-1',
};

describe('toNexmoV1', () => {
  it('maps text (Messages API v1 text: `text`)', () => {
    expect(toNexmoV1(p({ type: 'text', text: 'Hello' }), FROM)).toEqual({
      ...v1base,
      message_type: 'text',
      text: 'Hello',
    });
  });

  it('sends a text with previewUrl as custom WhatsApp text with preview_url', () => {
    expect(toNexmoV1(p({ type: 'text', text: 'see https://x.io', previewUrl: true }), FROM)).toEqual({
      ...v1base,
      message_type: 'custom',
      custom: { type: 'text', text: { body: 'see https://x.io', preview_url: true } },
    });
  });

  it('maps image, video, audio and document (file with name) by URL', () => {
    expect(toNexmoV1(p({ type: 'image', url: 'https://e.co/a.jpg', caption: 'c' }), FROM)).toEqual({
      ...v1base,
      message_type: 'image',
      image: { url: 'https://e.co/a.jpg', caption: 'c' },
    });
    expect(toNexmoV1(p({ type: 'video', url: 'https://e.co/a.mp4' }), FROM)).toEqual({
      ...v1base,
      message_type: 'video',
      video: { url: 'https://e.co/a.mp4' },
    });
    expect(toNexmoV1(p({ type: 'audio', url: 'https://e.co/a.mp3' }), FROM)).toEqual({
      ...v1base,
      message_type: 'audio',
      audio: { url: 'https://e.co/a.mp3' },
    });
    expect(
      toNexmoV1(
        p({ type: 'document', url: 'https://e.co/a.pdf', caption: 'Invoice', filename: 'inv.pdf' }),
        FROM,
      ),
    ).toEqual({
      ...v1base,
      message_type: 'file',
      file: { url: 'https://e.co/a.pdf', caption: 'Invoice', name: 'inv.pdf' },
    });
  });

  it('maps stickers by url or id', () => {
    expect(toNexmoV1(p({ type: 'sticker', url: 'https://e.co/s.webp' }), FROM)).toMatchObject({
      message_type: 'sticker',
      sticker: { url: 'https://e.co/s.webp' },
    });
    expect(toNexmoV1(p({ type: 'sticker', mediaId: 'st-1' }), FROM)).toMatchObject({
      message_type: 'sticker',
      sticker: { id: 'st-1' },
    });
  });

  it('refuses media ids for image/video/audio/document with a ValidationError', () => {
    for (const type of ['image', 'video', 'audio', 'document']) {
      let error: unknown;
      try {
        toNexmoV1(p({ type, mediaId: 'm-1' }), FROM);
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/by URL/);
    }
  });

  it('sends location as custom (no native v1 location type)', () => {
    expect(
      toNexmoV1(
        p({ type: 'location', latitude: 51.5, longitude: -0.12, name: 'Office', address: '1 St' }),
        FROM,
      ),
    ).toEqual({
      ...v1base,
      message_type: 'custom',
      custom: {
        type: 'location',
        location: { longitude: -0.12, latitude: 51.5, name: 'Office', address: '1 St' },
      },
    });
  });

  it('maps reactions with context.message_uuid, and an empty emoji to unreact', () => {
    expect(toNexmoV1(p({ type: 'reaction', messageId: 'uuid-9', emoji: '👍' }), FROM)).toEqual({
      ...v1base,
      message_type: 'reaction',
      reaction: { action: 'react', emoji: '👍' },
      context: { message_uuid: 'uuid-9' },
    });
    expect(toNexmoV1(p({ type: 'reaction', messageId: 'uuid-9', emoji: '' }), FROM)).toMatchObject({
      reaction: { action: 'unreact' },
    });
  });

  it('adds reply context to any message', () => {
    expect(toNexmoV1(p({ type: 'text', text: 'yes', replyTo: 'uuid-1' }), FROM)).toEqual({
      ...v1base,
      message_type: 'text',
      text: 'yes',
      context: { message_uuid: 'uuid-1' },
    });
  });

  it('maps interactive buttons, lists and CTA URLs as custom WhatsApp interactive objects', () => {
    expect(
      toNexmoV1(
        p({
          type: 'interactive',
          header: { type: 'text', text: 'H' },
          body: 'Pick',
          footer: 'F',
          action: { type: 'buttons', buttons: [{ id: 'y', title: 'Yes' }] },
        }),
        FROM,
      ),
    ).toEqual({
      ...v1base,
      message_type: 'custom',
      custom: {
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'text', text: 'H' },
          body: { text: 'Pick' },
          footer: { text: 'F' },
          action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] },
        },
      },
    });
    expect(
      toNexmoV1(
        p({
          type: 'interactive',
          body: 'Menu',
          action: {
            type: 'list',
            button: 'Open',
            sections: [{ title: 'S', rows: [{ id: 'r1', title: 'Row', description: 'D' }] }],
          },
        }),
        FROM,
      ),
    ).toMatchObject({
      custom: {
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'Menu' },
          action: {
            button: 'Open',
            sections: [{ title: 'S', rows: [{ id: 'r1', title: 'Row', description: 'D' }] }],
          },
        },
      },
    });
    expect(
      toNexmoV1(
        p({
          type: 'interactive',
          body: 'Go',
          action: { type: 'cta_url', displayText: 'Open', url: 'https://e.co' },
        }),
        FROM,
      ),
    ).toMatchObject({
      custom: {
        interactive: {
          type: 'cta_url',
          action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://e.co' } },
        },
      },
    });
  });

  it('maps contacts as custom WhatsApp contacts', () => {
    expect(
      toNexmoV1(
        p({
          type: 'contacts',
          contacts: [
            {
              name: { formattedName: 'Jo Bloggs', firstName: 'Jo' },
              phones: [{ phone: '+447700900123', type: 'CELL', waId: '447700900123' }],
              organization: { company: 'ACME' },
            },
          ],
        }),
        FROM,
      ),
    ).toEqual({
      ...v1base,
      message_type: 'custom',
      custom: {
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Jo Bloggs', first_name: 'Jo' },
            phones: [{ phone: '+447700900123', type: 'CELL', wa_id: '447700900123' }],
            org: { company: 'ACME' },
          },
        ],
      },
    });
  });

  it('sends a positional-only template as `template` with namespace:name and whatsapp policy/locale', () => {
    expect(
      toNexmoV1(
        p({
          type: 'template',
          name: 'verify',
          namespace: '9b6b4fcb_da19',
          language: 'en_GB',
          body: ['Daisy', '12345'],
        }),
        FROM,
      ),
    ).toEqual({
      ...v1base,
      message_type: 'template',
      template: { name: '9b6b4fcb_da19:verify', parameters: ['Daisy', '12345'] },
      whatsapp: { policy: 'deterministic', locale: 'en_GB' },
    });
    expect(toNexmoV1(p({ type: 'template', name: 'hello', language: 'en' }), FROM)).toEqual({
      ...v1base,
      message_type: 'template',
      template: { name: 'hello' },
      whatsapp: { policy: 'deterministic', locale: 'en' },
    });
  });

  it('sends a template with header, buttons or named parameters as custom with full components', () => {
    const body = toNexmoV1(
      p({
        type: 'template',
        name: 'order',
        namespace: 'ns',
        language: 'en_US',
        header: { type: 'image', url: 'https://e.co/h.jpg' },
        body: ['A1'],
        buttons: [
          { index: 1, type: 'url', text: 'track/A1' },
          { index: 0, type: 'quick_reply', payload: 'STOP' },
        ],
      }),
      FROM,
    );
    expect(body).toEqual({
      ...v1base,
      message_type: 'custom',
      custom: {
        type: 'template',
        template: {
          namespace: 'ns',
          name: 'order',
          language: { policy: 'deterministic', code: 'en_US' },
          components: [
            { type: 'header', parameters: [{ type: 'image', image: { link: 'https://e.co/h.jpg' } }] },
            { type: 'body', parameters: [{ type: 'text', text: 'A1' }] },
            {
              type: 'button',
              sub_type: 'quick_reply',
              index: '0',
              parameters: [{ type: 'payload', payload: 'STOP' }],
            },
            { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'track/A1' }] },
          ],
        },
      },
    });
  });

  it('maps every template header kind, named body parameters and copy-code buttons in custom components', () => {
    const tpl = (extra: Record<string, unknown>) =>
      customTemplate({ name: 't', language: 'en', ...extra } as never) as {
        template: { components: unknown[] };
      };
    expect(tpl({ header: { type: 'text', text: 'Hi' } }).template.components).toEqual([
      { type: 'header', parameters: [{ type: 'text', text: 'Hi' }] },
    ]);
    expect(
      tpl({ header: { type: 'document', url: 'https://e.co/d.pdf', filename: 'd.pdf' } }).template.components,
    ).toEqual([
      {
        type: 'header',
        parameters: [{ type: 'document', document: { link: 'https://e.co/d.pdf', filename: 'd.pdf' } }],
      },
    ]);
    expect(tpl({ header: { type: 'video', mediaId: 'vid-1' } }).template.components).toEqual([
      { type: 'header', parameters: [{ type: 'video', video: { id: 'vid-1' } }] },
    ]);
    expect(
      tpl({ header: { type: 'location', latitude: 1, longitude: 2, name: 'N' } }).template.components,
    ).toEqual([
      {
        type: 'header',
        parameters: [{ type: 'location', location: { latitude: 1, longitude: 2, name: 'N' } }],
      },
    ]);
    expect(tpl({ body: { first_name: 'Jo' } }).template.components).toEqual([
      { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Jo' }] },
    ]);
    expect(tpl({ buttons: [{ index: 0, type: 'copy_code', code: 'SAVE10' }] }).template.components).toEqual([
      {
        type: 'button',
        sub_type: 'copy_code',
        index: '0',
        parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
      },
    ]);
  });

  it('documents the template rule in isSimpleTemplate', () => {
    expect(isSimpleTemplate({ name: 'a', language: 'en', body: ['x'] })).toBe(true);
    expect(isSimpleTemplate({ name: 'a', language: 'en' })).toBe(true);
    expect(isSimpleTemplate({ name: 'a', language: 'en', body: { n: 'x' } })).toBe(false);
    expect(isSimpleTemplate({ name: 'a', language: 'en', header: { type: 'text', text: 'x' } })).toBe(false);
    expect(
      isSimpleTemplate({ name: 'a', language: 'en', buttons: [{ index: 0, type: 'url', text: 'x' }] }),
    ).toBe(false);
  });

  it('checks client_ref is at most 40 characters', () => {
    expect(() => toNexmoV1(p({ type: 'text', text: 'x', clientRef: 'r'.repeat(40) }), FROM)).not.toThrow();
    let error: unknown;
    try {
      toNexmoV1(p({ type: 'text', text: 'x', clientRef: 'r'.repeat(41) }), FROM);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/41 characters.*at most 40/);
  });
});

describe('toNexmoV01', () => {
  it('maps text into the nested v0.1 envelope', () => {
    expect(toNexmoV01(p({ type: 'text', text: 'Hello From Vonage!' }), FROM)).toEqual({
      ...v01env,
      message: { content: { type: 'text', text: 'Hello From Vonage!' } },
    });
  });

  it('maps media and documents (file, or custom document when a file name is given)', () => {
    expect(toNexmoV01(p({ type: 'image', url: 'https://e.co/a.jpg', caption: 'c' }), FROM)).toEqual({
      ...v01env,
      message: { content: { type: 'image', image: { url: 'https://e.co/a.jpg', caption: 'c' } } },
    });
    expect(toNexmoV01(p({ type: 'audio', url: 'https://e.co/a.mp3' }), FROM)).toEqual({
      ...v01env,
      message: { content: { type: 'audio', audio: { url: 'https://e.co/a.mp3' } } },
    });
    expect(toNexmoV01(p({ type: 'document', url: 'https://e.co/a.pdf' }), FROM)).toEqual({
      ...v01env,
      message: { content: { type: 'file', file: { url: 'https://e.co/a.pdf' } } },
    });
    expect(toNexmoV01(p({ type: 'document', url: 'https://e.co/a.pdf', filename: 'a.pdf' }), FROM)).toEqual({
      ...v01env,
      message: {
        content: {
          type: 'custom',
          custom: { type: 'document', document: { link: 'https://e.co/a.pdf', filename: 'a.pdf' } },
        },
      },
    });
  });

  it('maps a simple template with a BCP 47 locale, and rich templates as custom', () => {
    expect(
      toNexmoV01(
        p({ type: 'template', name: 'tpl', namespace: 'ns', language: 'en_GB', body: ['Daisy'] }),
        FROM,
      ),
    ).toEqual({
      ...v01env,
      message: {
        content: { type: 'template', template: { name: 'ns:tpl', parameters: ['Daisy'] } },
        whatsapp: { policy: 'deterministic', locale: 'en-GB' },
      },
    });
    expect(
      toNexmoV01(
        p({
          type: 'template',
          name: 'tpl',
          language: 'en',
          buttons: [{ index: 0, type: 'quick_reply', payload: 'P' }],
        }),
        FROM,
      ),
    ).toMatchObject({ message: { content: { type: 'custom', custom: { type: 'template' } } } });
  });

  it('sends location as custom', () => {
    expect(toNexmoV01(p({ type: 'location', latitude: 1, longitude: 2 }), FROM)).toEqual({
      ...v01env,
      message: {
        content: { type: 'custom', custom: { type: 'location', location: { longitude: 2, latitude: 1 } } },
      },
    });
  });

  it('refuses stickers and reactions (UnsupportedMessageError) and reply context (ValidationError)', () => {
    for (const m of [
      { type: 'sticker', url: 'https://e.co/s.webp' },
      { type: 'reaction', messageId: 'x', emoji: '👍' },
    ]) {
      let error: unknown;
      try {
        toNexmoV01(p(m), FROM);
      } catch (e) {
        error = e;
      }
      expect(isUnsupportedMessageError(error)).toBe(true);
    }
    expect(() => toNexmoV01(p({ type: 'text', text: 'x', replyTo: 'u' }), FROM)).toThrow(/no reply context/);
    expect(NEXMO_SUPPORTS['v0.1'].has('sticker')).toBe(false);
    expect(NEXMO_SUPPORTS.v1.size).toBe(11);
  });

  it('toNexmoBody picks the version', () => {
    const m = p({ type: 'text', text: 'x' });
    expect(toNexmoBody(m, { from: FROM, apiVersion: 'v1' })).toEqual(toNexmoV1(m, FROM));
    expect(toNexmoBody(m, { from: FROM, apiVersion: 'v0.1' })).toEqual(toNexmoV01(m, FROM));
  });
});
