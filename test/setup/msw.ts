import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * One msw server for the whole suite. Unhandled requests fail the test: every request a test makes must be
 * matched by a handler that checks it. Requests to 127.0.0.1 servers the tests start themselves are let through.
 */
export const server = setupServer();

beforeAll(() =>
  server.listen({
    onUnhandledRequest(request, print) {
      const { hostname } = new URL(request.url);
      if (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]') return;
      print.error();
    },
  }),
);
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
