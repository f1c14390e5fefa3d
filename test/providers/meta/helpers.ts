/** msw capture helpers for the Cloud API provider tests: record every request, answer from a script. */
import { HttpResponse, http } from 'msw';
import { server } from '../../setup/msw.js';

export interface Captured {
  method: string;
  url: URL;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Routes every request to `respond` and records it, so tests assert on the exact requests afterwards. */
export function capture(respond: (req: Captured, n: number) => Reply): Captured[] {
  const seen: Captured[] = [];
  server.use(
    http.all('*', async ({ request }) => {
      const text = await request.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const req: Captured = {
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        text,
        json,
      };
      seen.push(req);
      const reply = respond(req, seen.length);
      return HttpResponse.json((reply.body ?? {}) as object, {
        status: reply.status ?? 200,
        headers: reply.headers ?? {},
      });
    }),
  );
  return seen;
}

/** Awaits a promise expected to reject and returns the error. */
export async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to throw');
}

/** A Graph send success body. */
export const sent = (id = 'wamid.OK1') => ({
  messaging_product: 'whatsapp',
  contacts: [{ input: '+447700900123', wa_id: '447700900123' }],
  messages: [{ id }],
});
