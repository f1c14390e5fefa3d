/**
 * Ctrl-C during `waba broadcast`: the run exits 130, every row is in the report (sent, failed, skipped, unknown
 * or unsent; `total` = the rows of the file), the rows never attempted are listed as unsent, and a send the
 * platform accepted is never among them. A first Ctrl-C lets in-flight sends finish; a second one stops them
 * at once and reports them `unknown` with their clientRef.
 */
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { server } from '../setup/msw.js';
import { memoryIo } from './io.js';

const BASE = 'https://interrupt.cli.test';
const PHONE_ID = '106540352242922';
const env = {
  WABA_PROVIDER: 'meta',
  WABA_BASE_URL: BASE,
  WABA_ACCESS_TOKEN: 'EAAinterrupt0test0access0token0long0enough',
  WABA_PHONE_NUMBER_ID: PHONE_ID,
  WABA_API_VERSION: 'v23.0',
  WABA_MAX_RETRIES: '0',
};
const ROWS = 30;
const csv = [
  'phone',
  ...Array.from({ length: ROWS }, (_, i) => `+4477009${String(300 + i).padStart(5, '0')}`),
].join('\n');

/** A Cloud API that accepts each message on arrival and answers `latencyMs` later. */
function slowCloudApi(latencyMs: number) {
  const accepted: { to: string; clientRef: string }[] = [];
  server.use(
    http.post(`${BASE}/v23.0/${PHONE_ID}/messages`, async ({ request }) => {
      const body: any = await request.json();
      accepted.push({ to: `+${body.to}`, clientRef: body.biz_opaque_callback_data });
      await delay(latencyMs);
      return HttpResponse.json({
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.${body.to}` }],
      });
    }),
  );
  return accepted;
}

const until = async (predicate: () => boolean) => {
  for (let i = 0; i < 500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
};

async function interrupted(latencyMs: number, stops: number) {
  const accepted = slowCloudApi(latencyMs);
  const io = memoryIo({ env, files: { 'list.csv': csv } });
  const run = runCli(
    [
      'broadcast',
      '--recipients',
      'list.csv',
      '--template',
      'spring_sale',
      '--all-opted-in',
      '--concurrency',
      '4',
      '--rate',
      '1000',
      '--report',
      'out.json',
    ],
    io,
  );
  await until(() => accepted.length >= 6);
  for (let i = 0; i < stops; i++) {
    io.stop();
    await new Promise((r) => setTimeout(r, 20));
  }
  const code = await run;
  const report = JSON.parse(String(io.files.get('out.json')));
  return { code, report, accepted, stdout: io.stdout, stderr: io.stderr };
}

describe('waba broadcast interrupted by Ctrl-C', () => {
  it('exits 130, lets in-flight sends finish, and lists the rows never attempted as unsent', async () => {
    const { code, report, accepted, stdout } = await interrupted(150, 1);
    expect(code).toBe(130);
    expect(report.summary.total).toBe(ROWS);
    expect(report.summary.aborted).toBe(true);
    const sent = report.sent.map((s: any) => s.to);
    expect(sent.sort()).toEqual(accepted.map((a) => a.to).sort());
    const unsent: string[] = report.unsent.map((u: any) => u.to);
    expect(unsent).toHaveLength(ROWS - accepted.length);
    for (const to of unsent) expect(sent).not.toContain(to);
    expect(report.summary.unsent).toBe(unsent.length);
    expect(stdout).toMatch(new RegExp(`^ {2}total +${ROWS}$`, 'm'));
  });

  it('a second Ctrl-C stops in-flight sends at once and reports them unknown with their clientRef', async () => {
    const { code, report, accepted, stdout } = await interrupted(1_500, 2);
    expect(code).toBe(130);
    expect(report.summary.total).toBe(ROWS);
    const unknown: { to: string; clientRef: string }[] = report.unknown;
    expect(unknown.length).toBeGreaterThan(0);
    // Everyone the API accepted is reported sent or unknown, with the clientRef the request carried.
    const sent = report.sent.map((s: any) => s.to);
    for (const a of accepted) {
      const u = unknown.find((x) => x.to === a.to);
      if (u) expect(u.clientRef).toBe(a.clientRef);
      else expect(sent).toContain(a.to);
    }
    const unsent: string[] = report.unsent.map((u: any) => u.to);
    for (const a of accepted) expect(unsent).not.toContain(a.to);
    expect(sent.length + unknown.length + unsent.length).toBe(ROWS);
    expect(stdout).toMatch(/^ {2}unknown \(in flight\) +\d+$/m);
  });
});
