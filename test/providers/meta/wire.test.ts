import { describe, expect, it } from 'vitest';
import { contactObject } from '../../../src/core/whatsapp-objects.js';
import { bodyComponent, buttonComponent, headerComponent } from '../../../src/core/whatsapp-template.js';
import * as meta from '../../../src/providers/meta/index.js';
import {
  markAsReadBody,
  parseCloudApiSendResponse,
  toCloudApiMessage,
  toWaId,
} from '../../../src/providers/meta/wire.js';

const base = { to: '+447700900123', clientRef: 'r1' };

describe('toCloudApiMessage', () => {
  it('is the one Cloud API wire function, exported from waba-kit/meta under that name', () => {
    expect(meta.toCloudApiMessage).toBe(toCloudApiMessage);
    expect(meta.parseCloudApiSendResponse).toBe(parseCloudApiSendResponse);
  });

  it('writes the envelope, digits-only recipient and clientRef as biz_opaque_callback_data; no context without replyTo', () => {
    expect(toCloudApiMessage({ ...base, type: 'text', text: 'hi' })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '447700900123',
      type: 'text',
      text: { body: 'hi' },
      biz_opaque_callback_data: 'r1',
    });
  });

  it('omits caption and filename when absent, and never sends caption on audio or sticker', () => {
    expect(toCloudApiMessage({ ...base, type: 'document', mediaId: 'm1' }).document).toEqual({ id: 'm1' });
    expect(toCloudApiMessage({ ...base, type: 'audio', url: 'https://a.test/x.ogg' }).audio).toEqual({
      link: 'https://a.test/x.ogg',
    });
    expect(toCloudApiMessage({ ...base, type: 'sticker', mediaId: 's' }).sticker).toEqual({ id: 's' });
  });

  it('keeps an empty emoji (removes a reaction)', () => {
    expect(
      toCloudApiMessage({ ...base, type: 'reaction', messageId: 'wamid.1', emoji: '' }).reaction,
    ).toEqual({
      message_id: 'wamid.1',
      emoji: '',
    });
  });

  it('maps a minimal contact and a template without parameters', () => {
    expect(contactObject({ name: { formattedName: 'Ana' } })).toEqual({ name: { formatted_name: 'Ana' } });
    expect(
      toCloudApiMessage({ ...base, type: 'template', name: 'hello_world', language: 'en_US' }).template,
    ).toEqual({
      name: 'hello_world',
      language: { code: 'en_US', policy: 'deterministic' },
    });
  });

  it('orders button components by index, with the index as a string', () => {
    const template = toCloudApiMessage({
      ...base,
      type: 'template',
      name: 't',
      language: 'en',
      buttons: [
        { index: 2, type: 'quick_reply', payload: 'c' },
        { index: 0, type: 'quick_reply', payload: 'a' },
      ],
    }).template as { components: { index: string }[] };
    expect(template.components.map((c) => c.index)).toEqual(['0', '2']);
  });
});

describe('template components', () => {
  it('header media: link or id; document filename only on documents', () => {
    expect(headerComponent({ type: 'video', url: 'https://v.test/a.mp4' })).toEqual({
      type: 'header',
      parameters: [{ type: 'video', video: { link: 'https://v.test/a.mp4' } }],
    });
    expect(headerComponent({ type: 'image', mediaId: '12', filename: 'x.jpg' })).toEqual({
      type: 'header',
      parameters: [{ type: 'image', image: { id: '12' } }],
    });
  });

  it('body: positional, named, currency and date_time parameters', () => {
    expect(
      bodyComponent([
        'Ana',
        { type: 'currency', fallbackValue: '$100.99', code: 'USD', amount1000: 100990 },
        { type: 'date_time', fallbackValue: 'February 25, 1977' },
      ]),
    ).toEqual({
      type: 'body',
      parameters: [
        { type: 'text', text: 'Ana' },
        { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
        { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
      ],
    });
    expect(
      bodyComponent({ total: { type: 'currency', fallbackValue: '€5', code: 'EUR', amount1000: 5000 } }),
    ).toEqual({
      type: 'body',
      parameters: [
        {
          type: 'currency',
          parameter_name: 'total',
          currency: { fallback_value: '€5', code: 'EUR', amount_1000: 5000 },
        },
      ],
    });
    expect(bodyComponent([])).toBeUndefined();
  });

  it('buttons: quick reply payload, URL suffix, copy code', () => {
    expect(buttonComponent({ index: 0, type: 'quick_reply', payload: 'YES' })).toEqual({
      type: 'button',
      index: '0',
      sub_type: 'quick_reply',
      parameters: [{ type: 'payload', payload: 'YES' }],
    });
    expect(buttonComponent({ index: 1, type: 'url', text: 'a%2Fb' }).parameters).toEqual([
      { type: 'text', text: 'a%2Fb' },
    ]);
    expect(buttonComponent({ index: 2, type: 'copy_code', code: 'X1' }).sub_type).toBe('copy_code');
  });
});

describe('responses and helpers', () => {
  it('parses a send response, tolerating missing fields', () => {
    expect(
      parseCloudApiSendResponse({
        contacts: [{ input: '+1', wa_id: '16505551234', user_id: 'US.1' }],
        messages: [{ id: 'wamid.A', message_status: 'held_for_quality_assessment' }],
      }),
    ).toEqual({
      messageId: 'wamid.A',
      waId: '16505551234',
      userId: 'US.1',
      messageStatus: 'held_for_quality_assessment',
    });
    expect(parseCloudApiSendResponse(null)).toEqual({
      messageId: undefined,
      waId: undefined,
      userId: undefined,
      messageStatus: undefined,
    });
    expect(parseCloudApiSendResponse({ messages: 'x', contacts: [null] }).messageId).toBeUndefined();
  });

  it('markAsReadBody and toWaId', () => {
    expect(markAsReadBody('wamid.Z')).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.Z',
    });
    expect(toWaId('+16505551234')).toBe('16505551234');
  });
});
