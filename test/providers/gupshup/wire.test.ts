import { describe, expect, it } from 'vitest';
import { isUnsupportedMessageError, isValidationError } from '../../../src/core/errors.js';
import type { PreparedMessage } from '../../../src/core/message.js';
import {
  fileNameFromUrl,
  GUPSHUP_MSG_PATH,
  GUPSHUP_SUPPORTS,
  GUPSHUP_TEMPLATE_PATH,
  toGupshupRequest,
} from '../../../src/providers/gupshup/index.js';

const opts = { source: '917834811114', appName: 'DemoApp' };
const p = (m: Record<string, unknown>): PreparedMessage =>
  ({ to: '+919876543210', clientRef: 'ref-1', ...m }) as unknown as PreparedMessage;
const common = {
  channel: 'whatsapp',
  source: '917834811114',
  destination: '919876543210',
  'src.name': 'DemoApp',
};

/** The session `message` object of a request, parsed back from its JSON string. */
function session(m: Record<string, unknown>) {
  const { path, form } = toGupshupRequest(p(m), opts);
  expect(path).toBe(GUPSHUP_MSG_PATH);
  const { message, ...rest } = form;
  return { message: JSON.parse(message!) as unknown, rest };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('toGupshupRequest: session messages', () => {
  it('maps text with the common form fields', () => {
    expect(toGupshupRequest(p({ type: 'text', text: 'Hi' }), opts)).toEqual({
      path: '/wa/api/v1/msg',
      form: { ...common, message: '{"type":"text","text":"Hi"}' },
    });
  });

  it('maps previewUrl to disablePreview', () => {
    expect(session({ type: 'text', text: 'x', previewUrl: false }).rest.disablePreview).toBe('true');
    expect(session({ type: 'text', text: 'x', previewUrl: true }).rest.disablePreview).toBe('false');
    expect(session({ type: 'text', text: 'x' }).rest).toEqual(common);
  });

  it('maps image by URL (originalUrl + previewUrl) or by media id', () => {
    expect(session({ type: 'image', url: 'https://e.co/a.jpg', caption: 'c' }).message).toEqual({
      type: 'image',
      originalUrl: 'https://e.co/a.jpg',
      previewUrl: 'https://e.co/a.jpg',
      caption: 'c',
    });
    expect(session({ type: 'image', mediaId: 'm1', caption: 'c' }).message).toEqual({
      type: 'image',
      id: 'm1',
      caption: 'c',
    });
  });

  it('maps video, audio, sticker', () => {
    expect(session({ type: 'video', url: 'https://e.co/v.mp4', caption: 'v' }).message).toEqual({
      type: 'video',
      url: 'https://e.co/v.mp4',
      caption: 'v',
    });
    expect(session({ type: 'video', mediaId: 'v1' }).message).toEqual({ type: 'video', id: 'v1' });
    expect(session({ type: 'audio', url: 'https://e.co/a.mp3' }).message).toEqual({
      type: 'audio',
      url: 'https://e.co/a.mp3',
    });
    expect(session({ type: 'audio', mediaId: 'a1' }).message).toEqual({ type: 'audio', id: 'a1' });
    expect(session({ type: 'sticker', url: 'https://e.co/s.webp' }).message).toEqual({
      type: 'sticker',
      url: 'https://e.co/s.webp',
    });
    expect(
      isValidationError(thrown(() => toGupshupRequest(p({ type: 'sticker', mediaId: 's' }), opts))),
    ).toBe(true);
  });

  it('maps documents to `file` with a filename (given, or the URL basename)', () => {
    expect(
      session({ type: 'document', url: 'https://e.co/x/Invoice%2042.pdf', caption: 'c' }).message,
    ).toEqual({
      type: 'file',
      url: 'https://e.co/x/Invoice%2042.pdf',
      filename: 'Invoice 42.pdf',
      caption: 'c',
    });
    expect(
      session({ type: 'document', url: 'https://e.co/a.pdf', filename: 'mine.pdf' }).message,
    ).toMatchObject({
      filename: 'mine.pdf',
    });
    expect(session({ type: 'document', mediaId: 'd1', filename: 'd.pdf' }).message).toEqual({
      type: 'file',
      id: 'd1',
      filename: 'd.pdf',
    });
    expect(() => toGupshupRequest(p({ type: 'document', mediaId: 'd1' }), opts)).toThrow(/needs a filename/);
    expect(fileNameFromUrl('https://e.co/')).toBe('document');
  });

  it('maps location with string coordinates', () => {
    expect(
      session({ type: 'location', latitude: 19.1453658, longitude: 72.8552172, name: 'N', address: 'A' })
        .message,
    ).toEqual({
      type: 'location',
      longitude: '72.8552172',
      latitude: '19.1453658',
      name: 'N',
      address: 'A',
    });
  });

  it('maps one contact card to `contact` and refuses several', () => {
    expect(
      session({
        type: 'contacts',
        contacts: [
          {
            name: { formattedName: 'Jo Bloggs', firstName: 'Jo', lastName: 'Bloggs' },
            phones: [{ phone: '+919876543210', type: 'CELL' }],
            emails: [{ email: 'jo@e.co' }],
            organization: { company: 'ACME', title: 'CEO' },
            urls: [{ url: 'https://e.co' }],
          },
        ],
      }).message,
    ).toEqual({
      type: 'contact',
      contact: {
        name: { formatted_name: 'Jo Bloggs', first_name: 'Jo', last_name: 'Bloggs' },
        phones: [{ phone: '+919876543210', type: 'CELL' }],
        emails: [{ email: 'jo@e.co' }],
        org: { company: 'ACME', title: 'CEO' },
        urls: [{ url: 'https://e.co' }],
      },
    });
    const c = { name: { formattedName: 'A' } };
    expect(
      isValidationError(thrown(() => toGupshupRequest(p({ type: 'contacts', contacts: [c, c] }), opts))),
    ).toBe(true);
  });

  it('maps reply buttons to quick_reply with postbackText = button id', () => {
    expect(
      session({
        type: 'interactive',
        header: { type: 'text', text: 'H' },
        body: 'Pick one',
        footer: 'F',
        action: {
          type: 'buttons',
          buttons: [
            { id: 'yes', title: 'Yes' },
            { id: 'no', title: 'No' },
          ],
        },
      }).message,
    ).toEqual({
      type: 'quick_reply',
      msgid: 'ref-1',
      content: { type: 'text', header: 'H', text: 'Pick one', caption: 'F' },
      options: [
        { type: 'text', title: 'Yes', postbackText: 'yes' },
        { type: 'text', title: 'No', postbackText: 'no' },
      ],
    });
  });

  it('maps lists with globalButtons and items, and sets encode=true when they hold emoji', () => {
    const list = {
      type: 'interactive',
      body: 'Menu',
      action: {
        type: 'list',
        button: 'Open',
        sections: [{ title: 'Fruit', rows: [{ id: 'r1', title: 'Apple', description: 'Red' }] }],
      },
    };
    const { message, rest } = session(list);
    expect(message).toEqual({
      type: 'list',
      title: '',
      body: 'Menu',
      msgid: 'ref-1',
      globalButtons: [{ type: 'text', title: 'Open' }],
      items: [
        {
          title: 'Fruit',
          options: [{ type: 'text', title: 'Apple', description: 'Red', postbackText: 'r1' }],
        },
      ],
    });
    expect(rest.encode).toBeUndefined();
    expect(session({ ...list, body: 'Menu 🍎' }).rest.encode).toBe('true');
  });

  it('refuses CTA URL messages and reactions with UnsupportedMessageError', () => {
    expect(
      isUnsupportedMessageError(
        thrown(() =>
          toGupshupRequest(
            p({
              type: 'interactive',
              body: 'b',
              action: { type: 'cta_url', displayText: 'Go', url: 'https://e.co' },
            }),
            opts,
          ),
        ),
      ),
    ).toBe(true);
    expect(GUPSHUP_SUPPORTS.has('reaction')).toBe(false);
  });

  it('adds reply context as message.context.msgId', () => {
    expect(session({ type: 'text', text: 'ok', replyTo: 'gBEGkYaYVSEEAgnPFrOLcjkFjL8' }).message).toEqual({
      type: 'text',
      text: 'ok',
      context: { msgId: 'gBEGkYaYVSEEAgnPFrOLcjkFjL8' },
    });
    expect(session({ type: 'image', url: 'https://e.co/a.jpg', replyTo: 'w1' }).message).toMatchObject({
      context: { msgId: 'w1' },
    });
  });
});

describe('toGupshupRequest: templates', () => {
  const tpl = (m: Record<string, unknown>) =>
    toGupshupRequest(p({ type: 'template', language: 'en', ...m }), opts);

  it('sends by Gupshup template id with params, to /wa/api/v1/template/msg', () => {
    expect(tpl({ name: 'ee4a68a0-1203-4c85-8dc3-49d0b3226a35', body: ['Daisy', 'A1'] })).toEqual({
      path: GUPSHUP_TEMPLATE_PATH,
      form: { ...common, template: '{"id":"ee4a68a0-1203-4c85-8dc3-49d0b3226a35","params":["Daisy","A1"]}' },
    });
    expect(JSON.parse(tpl({ name: 't1' }).form.template!)).toEqual({ id: 't1', params: [] });
  });

  it('puts media and location headers in `message`, and a text header first in params', () => {
    expect(
      JSON.parse(tpl({ name: 't', header: { type: 'image', url: 'https://e.co/h.jpg' } }).form.message!),
    ).toEqual({
      type: 'image',
      image: { link: 'https://e.co/h.jpg' },
    });
    expect(JSON.parse(tpl({ name: 't', header: { type: 'image', mediaId: 'm1' } }).form.message!)).toEqual({
      type: 'image',
      image: { id: 'm1' },
    });
    expect(
      JSON.parse(
        tpl({ name: 't', header: { type: 'document', url: 'https://e.co/d.pdf', filename: 'd.pdf' } }).form
          .message!,
      ),
    ).toEqual({ type: 'document', document: { link: 'https://e.co/d.pdf', filename: 'd.pdf' } });
    expect(
      JSON.parse(tpl({ name: 't', header: { type: 'video', url: 'https://e.co/v.mp4' } }).form.message!),
    ).toEqual({
      type: 'video',
      video: { link: 'https://e.co/v.mp4' },
    });
    expect(
      JSON.parse(
        tpl({ name: 't', header: { type: 'location', latitude: 1.5, longitude: 2.5 } }).form.message!,
      ),
    ).toEqual({ type: 'location', location: { longitude: '2.5', latitude: '1.5' } });
    const text = tpl({ name: 't', header: { type: 'text', text: 'Hdr' }, body: ['b1'] }).form;
    expect(JSON.parse(text.template!)).toEqual({ id: 't', params: ['Hdr', 'b1'] });
    expect(text.message).toBeUndefined();
  });

  it('maps quick-reply payloads to postbackTexts and URL button parameters after the body params', () => {
    const { form } = tpl({
      name: 't',
      body: ['b1'],
      buttons: [
        { index: 2, type: 'url', text: 'track/A1' },
        { index: 0, type: 'quick_reply', payload: 'YES' },
        { index: 1, type: 'quick_reply', payload: 'NO' },
      ],
    });
    expect(JSON.parse(form.template!)).toEqual({ id: 't', params: ['b1', 'track/A1'] });
    expect(JSON.parse(form.postbackTexts!)).toEqual([
      { index: 0, text: 'YES' },
      { index: 1, text: 'NO' },
    ]);
  });

  it('refuses named parameters, reply context and Flow buttons before any request', () => {
    expect(isValidationError(thrown(() => tpl({ name: 't', body: { first: 'x' } })))).toBe(true);
    expect(isValidationError(thrown(() => tpl({ name: 't', replyTo: 'x' })))).toBe(true);
    expect(
      isUnsupportedMessageError(
        thrown(() => tpl({ name: 't', buttons: [{ index: 0, type: 'flow', flowToken: 'T' }] })),
      ),
    ).toBe(true);
  });

  it('sends a copy-code value as a parameter in button order (sending-coupon-code-template)', () => {
    const { form } = tpl({
      name: 't',
      body: ['Ana'],
      buttons: [
        { index: 1, type: 'url', text: 'abc' },
        { index: 0, type: 'copy_code', code: 'SAVE25' },
      ],
    });
    expect(JSON.parse(form.template ?? '')).toEqual({ id: 't', params: ['Ana', 'SAVE25', 'abc'] });
  });
});

describe('toGupshupRequest: list rows and the interactive types Gupshup does not document', () => {
  const list = (rows: Record<string, unknown>[]) =>
    p({
      type: 'interactive',
      body: 'Pick one',
      action: { type: 'list', button: 'Options', sections: [{ title: 'S', rows }] },
    });

  it('refuses a list row without a description before any request (Gupshup marks it required)', () => {
    // https://docs.gupshup.io/reference/post_wa-api-v1-msg-1: option.description "Required: Yes".
    const error = thrown(() => toGupshupRequest(list([{ id: 'a', title: 'A' }]), opts)) as {
      issues: { code: string; path: (string | number)[] }[];
      message: string;
    };
    expect(isValidationError(error)).toBe(true);
    expect(error.issues[0]).toMatchObject({
      code: 'gupshup.list_row_description_required',
      path: ['action', 'sections', 0, 'rows', 0, 'description'],
    });
    expect(error.message).toContain('Gupshup requires a description');
  });

  it('sends a list whose rows all have descriptions', () => {
    const { form } = toGupshupRequest(list([{ id: 'a', title: 'A', description: 'First' }]), opts);
    expect(JSON.parse(form.message ?? '').items[0].options[0]).toEqual({
      type: 'text',
      title: 'A',
      description: 'First',
      postbackText: 'a',
    });
  });

  it.each([
    ['a location request', { type: 'location_request' }],
    ['a Flow', { type: 'flow', flowId: '1', cta: 'Go', screen: 'S' }],
  ])('refuses %s (documented on Gupshup partner v3 only)', (_label, action) => {
    const error = thrown(() => toGupshupRequest(p({ type: 'interactive', body: 'Hi', action }), opts));
    expect(isUnsupportedMessageError(error)).toBe(true);
  });

  it('refuses a quick-reply media header given by media id', () => {
    const m = p({
      type: 'interactive',
      header: { type: 'image', mediaId: '123' },
      body: 'Hi',
      action: { type: 'buttons', buttons: [{ id: 'a', title: 'A' }] },
    });
    expect(isValidationError(thrown(() => toGupshupRequest(m, opts)))).toBe(true);
  });
});
