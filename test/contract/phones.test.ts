/**
 * No full phone number in an error, for every contract target (the hostile-input issue, item 14; docs/errors.md
 * promises `+447*******23`). The provider's answer echoes the recipient the way providers write it — the bare
 * digits the client sent (Meta `to`, Vonage `to` / `to.number`, Gupshup `destination`), with a `+`, and spaced —
 * everywhere an error copies from: the Graph `error.message` and `error_data.details` (Meta "Recipient phone
 * number not in allowed list"), RFC 7807 `title`, `detail` and `invalid_parameters` (Vonage `ErrorRecipient`),
 * Gupshup's `message` ("Invalid Destination"), a refused 2xx's `contacts[].input` / `wa_id`, and the request-id
 * header. Then the number may not appear in `error.message`, `String(error)`, `error.stack`,
 * `JSON.stringify(error)`, `util.inspect(error)`, nor in the error of the `retry` and `message.failed` events;
 * the masked form does appear in the message, so the provider's detail is kept.
 */
import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { WhatsAppClient } from '../../src/index.js';
import { server } from '../setup/msw.js';
import { clevertapTarget } from './clevertap.js';
import { gupshupTarget } from './gupshup.js';
import { metaTarget } from './meta.js';
import { nexmoTarget, nexmoV01Target } from './nexmo.js';
import type { ContractTarget } from './types.js';

const targets: ContractTarget[] = [metaTarget, clevertapTarget, nexmoTarget, nexmoV01Target, gupshupTarget];

/** The recipient's digits as the client put them on the wire (JSON `to`, `to.number`, form `destination`). */
function recipientSent(text: string): string {
  // v0.1 has `from` as `{ type, number }` too: only the number under `to` is the recipient.
  const digits = /(?:"to":"|"to":\{"type":"whatsapp","number":"|destination=)(\d+)/.exec(text)?.[1];
  if (!digits) throw new Error(`no recipient in the request body: ${text.slice(0, 200)}`);
  return digits;
}

/** `44 7700 900123`: the digits grouped the way a person (or a provider's message) writes them. */
function spaced(digits: string): string {
  return `${digits.slice(0, 2)} ${digits.slice(2, 6)} ${digits.slice(6)}`;
}

/** An answer naming the recipient in every field errors copy, per provider error shape. */
function echoBody(digits: string, kind: 'error' | 'refused', graphCode = 131030): Record<string, unknown> {
  const named = `${digits} (+${digits}, +${spaced(digits)})`;
  const graph = {
    error: {
      message: `(#${graphCode}) Recipient phone number ${named} not in allowed list`,
      type: 'OAuthException',
      code: graphCode,
      error_data: {
        messaging_product: 'whatsapp',
        details: `Recipient phone number not in allowed list: Add recipient phone number ${named} to recipient list and try again.`,
      },
      error_user_msg: named,
      fbtrace_id: 'AazwJ4Yl7AcPtsgqq6sZSz8',
    },
  };
  return {
    ...(kind === 'error' ? graph : {}),
    // RFC 7807 (Vonage ErrorRecipient)
    type: 'https://developer.vonage.com/api-errors/messages#1430',
    title: `Invalid recipient ${named}`,
    detail: `The value of the \`to\` parameter is invalid: ${named}`,
    instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf',
    invalid_parameters: [{ name: 'to', reason: `${named} is not a valid WhatsApp number` }],
    // Gupshup
    ...(kind === 'error' ? { status: 'error' } : {}),
    message: `Invalid Destination ${named}`,
    // A Cloud API success shape without `messages`: refused for its missing id, contacts echoed.
    messaging_product: 'whatsapp',
    contacts: [{ input: `+${digits}`, wa_id: digits }],
    echo: { [digits]: 'as a key', deep: [[{ to: digits }]] },
  };
}

function views(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    'error.message': e.message,
    'String(error)': String(e),
    'error.stack': String(e.stack),
    'JSON.stringify(error)': JSON.stringify(e),
    'util.inspect(error, { depth: null })': inspect(e, { depth: null }),
  };
}

/** The places `digits` shows in full: as is, and in its spaced spelling. */
function leaks(digits: string, shown: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [where, text] of Object.entries(shown)) {
    if (text.includes(digits) || text.includes(spaced(digits))) out.push(where);
  }
  return out;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}

describe.each(targets.map((t) => [`${t.provider}${t.sendEndpoint.url.includes('v0.1') ? ' v0.1' : ''}`, t]))(
  'phone numbers in errors: %s',
  (_label, target) => {
    /** Serves `answer(digits)` for every request, the digits read from that request; returns them. */
    function serve(answer: (digits: string) => Response): string[] {
      const sent: string[] = [];
      server.use(
        http.all('*', async ({ request }) => {
          const digits = recipientSent(await request.text());
          sent.push(digits);
          return answer(digits);
        }),
      );
      return sent;
    }

    /** The errors the `retry` and `message.failed` events carried, rendered. */
    function listen(client: WhatsAppClient): Record<string, string> {
      const shown: Record<string, string> = {};
      for (const event of ['retry', 'message.failed'] as const) {
        client.on(event, (payload: { error: unknown }) => {
          shown[`${event} error json`] = JSON.stringify(payload.error);
          shown[`${event} error inspect`] = inspect(payload.error, { depth: null });
          shown[`${event} error message`] = (payload.error as Error).message;
        });
      }
      return shown;
    }

    async function attempt(maxRetries: number) {
      const client = target.create({ maxRetries });
      const events = listen(client);
      const error = await caught(client.send(target.sampleMessage));
      return { error, events };
    }

    it.each([400, 404, 422])('an HTTP %i error answer naming the recipient', async (status) => {
      const sent = serve(
        (digits) =>
          HttpResponse.json(echoBody(digits, 'error'), {
            status,
            headers: { 'x-fb-trace-id': digits, 'x-nexmo-trace-id': digits, 'x-request-id': digits },
          }) as Response,
      );
      const { error, events } = await attempt(0);
      const digits = sent[0] as string;
      expect(error.name).toMatch(/Error$/);
      expect(events['message.failed error json']).toBeDefined();
      expect(leaks(digits, { ...views(error), ...events })).toEqual([]);
      // The provider's words stay, with the number masked as the library masks it.
      expect(error.message).toContain(
        `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`,
      );
    });

    it('a 2xx answer refused for its missing message id, echoing the recipient in contacts', async () => {
      const sent = serve((digits) => HttpResponse.json(echoBody(digits, 'refused')) as Response);
      const { error, events } = await attempt(0);
      expect(error.name).toBe('ApiError');
      expect(JSON.stringify(error)).toContain('contacts');
      expect(leaks(sent[0] as string, { ...views(error), ...events })).toEqual([]);
    });

    it('a 2xx error body ({"status":"error"} / a Graph error object) naming the recipient', async () => {
      const sent = serve((digits) => HttpResponse.json(echoBody(digits, 'error')) as Response);
      const { error, events } = await attempt(0);
      expect(leaks(sent[0] as string, { ...views(error), ...events })).toEqual([]);
    });

    it('a retried 429 naming the recipient: the retry event carries the masked error', async () => {
      const sent = serve(
        (digits) =>
          HttpResponse.json(echoBody(digits, 'error', 130429), {
            status: 429,
            headers: { 'retry-after': '0' },
          }) as Response,
      );
      const { error, events } = await attempt(1);
      expect(sent).toHaveLength(2);
      expect(events['retry error json']).toBeDefined();
      expect(error.name).toBe('RateLimitError');
      expect(leaks(sent[0] as string, { ...views(error), ...events })).toEqual([]);
    });
  },
);
