import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A node:http server on 127.0.0.1 that answers every POST like the Messages API (202 + message_uuid). */
export interface FakeApi {
  url: string;
  /** Authorization header of every request since the last {@link FakeApi.reset}. */
  authorizations: string[];
  requests: number;
  reset(): void;
  close(): Promise<void>;
}

const ANSWER = JSON.stringify({ message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' });

/** Starts {@link FakeApi} with keep-alive on a free port. */
export async function startFakeApi(): Promise<FakeApi> {
  const state = { authorizations: [] as string[], requests: 0 };
  const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    state.requests++;
    const auth = req.headers.authorization;
    if (auth) state.authorizations.push(auth);
    req.resume();
    req.on('end', () => {
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    });
  });
  server.maxRequestsPerSocket = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get authorizations() {
      return state.authorizations;
    },
    get requests() {
      return state.requests;
    },
    reset() {
      state.authorizations = [];
      state.requests = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs `total` calls of `send` with `concurrency` in flight; returns completed calls per second. */
export async function runConcurrent(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      await send(i);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (total / (performance.now() - t0)) * 1000;
}
