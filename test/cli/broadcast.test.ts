import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords, parseCsvRows } from '../../src/cli/csv.js';
import { progressLine } from '../../src/cli/progress.js';
import { server } from '../setup/msw.js';
import { cli } from './io.js';

const BASE = 'https://broadcast.cli.test';
const PHONE_ID = '106540352242922';
const TOKEN = 'EAAbroadcast0test0access0token0long0enough';
const env = {
  WABA_PROVIDER: 'meta',
  WABA_BASE_URL: BASE,
  WABA_ACCESS_TOKEN: TOKEN,
  WABA_PHONE_NUMBER_ID: PHONE_ID,
  WABA_API_VERSION: 'v23.0',
  WABA_MAX_RETRIES: '0',
};
const csv = [
  'phone,name,opted_in',
  '+447700900001,Ana,yes',
  '+447700900002,"Bo, Jr.",TRUE',
  '+447700900003,Cy,no',
  '+447700900004,Di,1',
  '+447700900001,Ana again,yes',
  'not-a-number,Ed,yes',
].join('\r\n');
const BASE_ARGS = [
  'broadcast',
  '--recipients',
  'list.csv',
  '--template',
  'spring_sale',
  '--language',
  'en_US',
];

/** A Cloud API that accepts everyone but +447700900004 (131026: undeliverable). */
function cloudApi() {
  const bodies: any[] = [];
  server.use(
    http.post(`${BASE}/v23.0/${PHONE_ID}/messages`, async ({ request }) => {
      expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
      const body: any = await request.json();
      bodies.push(body);
      if (body.to === '447700900004') {
        return HttpResponse.json(
          { error: { message: '(#131026) Message undeliverable', code: 131026, type: 'OAuthException' } },
          { status: 400 },
        );
      }
      return HttpResponse.json({
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.${body.to}` }],
      });
    }),
  );
  return bodies;
}

describe('waba broadcast', () => {
  it('sends to opted-in unique recipients, fills {column} params, writes a report and a summary', async () => {
    const bodies = cloudApi();
    const { code, stdout, stderr, io } = await cli(
      [
        ...BASE_ARGS,
        '--consent-column',
        'opted_in',
        '--param',
        '{name}',
        '--param',
        'SPRING',
        '--report',
        'out.json',
      ],
      { env, files: { 'list.csv': csv } },
    );
    expect(code).toBe(1); // one recipient failed
    const sentTo = bodies.map((b) => b.to).sort();
    expect(sentTo).toEqual(['447700900001', '447700900002', '447700900004']);
    const bo = bodies.find((b) => b.to === '447700900002');
    expect(bo.template.components[0].parameters).toEqual([
      { type: 'text', text: 'Bo, Jr.' },
      { type: 'text', text: 'SPRING' },
    ]);
    expect(stdout).toMatch(/^ {2}sent +2$/m);
    expect(stdout).toMatch(/^ {2}failed +2$/m); // the undeliverable number and the invalid one
    expect(stdout).toMatch(/^ {2}skipped: no consent +1$/m);
    expect(stdout).toMatch(/^ {2}skipped: duplicate +1$/m);
    expect(stdout).toMatch(/^ {2}total +6$/m);
    expect(stdout).toContain('report: out.json');
    expect(stdout).toMatch(/failed \+447700900004: .*131026/);
    expect(stderr).toMatch(/^progress: \[#+-*\] +\d+% /m);
    const report = JSON.parse(String(io.files.get('out.json')));
    expect(report).toMatchObject({
      provider: 'meta',
      template: 'spring_sale',
      language: 'en_US',
      dryRun: false,
    });
    expect(report.summary).toMatchObject({ total: 6, sent: 2, failed: 2 });
    expect(report.sent.map((s: any) => s.messageId).sort()).toEqual([
      'wamid.447700900001',
      'wamid.447700900002',
    ]);
    expect(report.failed).toHaveLength(2);
    expect(JSON.stringify(report) + stdout + stderr).not.toContain(TOKEN);
  });

  it('--all-opted-in sends to every valid unique row; exit 0 when nothing fails', async () => {
    const bodies = cloudApi();
    const list = 'to\n+447700900001\n+447700900002\n';
    const { code, stdout, io } = await cli([...BASE_ARGS, '--all-opted-in', '--report', 'r.json'], {
      env,
      files: { 'list.csv': list },
    });
    expect(code).toBe(0);
    expect(bodies).toHaveLength(2);
    expect(stdout).toMatch(/^ {2}sent +2$/m);
    expect(io.files.has('r.json')).toBe(true);
  });

  it('draws a redrawn progress bar on a terminal', async () => {
    cloudApi();
    const { stderr } = await cli([...BASE_ARGS, '--all-opted-in', '--report', 'r.json'], {
      env,
      isTTY: true,
      files: { 'list.csv': 'phone\n+447700900001\n+447700900002\n' },
    });
    expect(stderr).toContain('\r[');
    expect(stderr).toContain('100%  2/2  sent 2  failed 0  skipped 0');
    expect(stderr).not.toContain('progress:');
  });

  it('--dry-run lists who would be messaged, names the row of each bad number, and sends nothing', async () => {
    const bodies = cloudApi();
    const { code, stdout, io } = await cli(
      [...BASE_ARGS, '--consent-column', 'opted_in', '--dry-run', '--report', 'dry.json'],
      { env, files: { 'list.csv': csv } },
    );
    expect(bodies).toHaveLength(0);
    expect(code).toBe(1); // one invalid number would fail
    expect(stdout).toMatch(/^ {2}would send +3$/m);
    expect(stdout).toMatch(/^ {2}skipped: no consent +1$/m);
    expect(stdout).toMatch(/^ {2}skipped: duplicate +1$/m);
    expect(stdout).toContain('  would send row 2: +447700900001\n');
    expect(stdout).toContain('  would send row 5: +447700900004\n');
    expect(stdout).toContain('  row 7: "not-a-number" is not a valid recipient\n');
    const report = JSON.parse(String(io.files.get('dry.json')));
    expect(report).toMatchObject({
      dryRun: true,
      summary: { total: 6, wouldSend: 3, failed: 1, skipped: { consent: 1, duplicate: 1 } },
      wouldSend: [
        { row: 2, to: '+447700900001' },
        { row: 3, to: '+447700900002' },
        { row: 5, to: '+447700900004' },
      ],
      failed: [{ row: 7, to: 'not-a-number' }],
    });
    expect(report.summary.wouldSend).toBe(report.wouldSend.length);
    expect(report.summary.failed).toBe(report.failed.length);
    expect(report).not.toHaveProperty('sent');
  });

  it('--dry-run exits 0 when nothing would fail', async () => {
    cloudApi();
    const { code, stdout } = await cli([...BASE_ARGS, '--all-opted-in', '--dry-run', '--report', 'd.json'], {
      env,
      files: { 'list.csv': 'phone\n+447700900001\n+447700900002\n' },
    });
    expect(stdout).toMatch(/^ {2}would send +2$/m);
    expect(code).toBe(0);
  });

  it.each([
    [['--all-opted-in', '--consent-column', 'opted_in'], 'give --consent-column or --all-opted-in, not both'],
    [[], 'say who opted in: --consent-column <name> or --all-opted-in'],
    [['--consent-column', 'consent'], 'list.csv has no column "consent"'],
    [['--all-opted-in', '--param', '{surname}'], '--param uses {surname} but list.csv has no such column'],
    [['--all-opted-in', '--phone-column', 'mobile'], 'list.csv has no phone column'],
    [['--all-opted-in', '--concurrency', '0'], '--concurrency must be a whole number from 1 to 1000'],
    [['--all-opted-in', '--rate', '0'], '--rate must be a positive number'],
    [['--all-opted-in', '--control-group', '1.5'], '--control-group must be a fraction'],
  ])('usage error %j', async (args, message) => {
    const { code, stderr } = await cli([...BASE_ARGS, ...args], { env, files: { 'list.csv': csv } });
    expect(stderr).toContain(message);
    expect(code).toBe(2);
  });

  it('requires --recipients and --template', async () => {
    expect((await cli(['broadcast', '--template', 't', '--all-opted-in'], { env })).stderr).toContain(
      '--recipients <file.csv> is required',
    );
    expect((await cli(['broadcast', '--recipients', 'list.csv'], { env })).stderr).toContain(
      '--template <name> is required',
    );
  });
});

describe('CSV reading', () => {
  it('handles quotes, doubled quotes, embedded commas and line breaks, CRLF and a BOM', () => {
    expect(parseCsvRows('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\n\n3,4')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['3', '4'],
    ]);
  });

  it('refuses an unclosed quote, an empty file and rows wider than the header', () => {
    expect(() => parseCsvRows('a\n"open')).toThrow('the CSV ends inside a quoted field');
    expect(() => parseCsvRecords('')).toThrow('the CSV is empty');
    expect(() => parseCsvRecords('a\n1,2')).toThrow('CSV row 2 has 2 fields but the header has 1');
  });

  it('pads short rows with empty values', () => {
    expect(parseCsvRecords('phone,name\n+447700900001').records).toEqual([
      { phone: '+447700900001', name: '' },
    ]);
  });
});

describe('progress lines', () => {
  it('shows a bar with a known total and counts without one', () => {
    expect(progressLine({ total: 4, processed: 2, sent: 1, failed: 1, skipped: 0 })).toBe(
      '[##############--------------]  50%  2/4  sent 1  failed 1  skipped 0',
    );
    expect(progressLine({ total: undefined, processed: 7, sent: 7, failed: 0, skipped: 0 })).toBe(
      '7 processed  sent 7  failed 0  skipped 0',
    );
  });
});

describe('waba broadcast --dry-run with a control group', () => {
  it('holds out the same recipients broadcast() would, by a stable hash', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `+4477009${String(i).padStart(5, '0')}`);
    const list = `phone\n${rows.join('\n')}\n`;
    const run = () =>
      cli([...BASE_ARGS, '--all-opted-in', '--dry-run', '--control-group', '0.25', '--report', 'r.json'], {
        env,
        files: { 'list.csv': list },
      });
    const first = await run();
    expect(first.code).toBe(0);
    const held = Number(/^ {2}skipped: control group +(\d+)$/m.exec(first.stdout)?.[1]);
    const sent = Number(/^ {2}would send +(\d+)$/m.exec(first.stdout)?.[1]);
    expect(held + sent).toBe(200);
    expect(held).toBeGreaterThan(20); // about 50 of 200
    expect(held).toBeLessThan(80);
    expect((await run()).stdout).toBe(first.stdout); // stable
    cloudApi();
    const real = await cli(
      [...BASE_ARGS, '--all-opted-in', '--control-group', '0.25', '--rate', '100000', '--report', 'r.json'],
      { env, files: { 'list.csv': list } },
    );
    expect(real.stdout).toMatch(new RegExp(`^ {2}skipped: control group +${held}$`, 'm'));
    expect(real.stdout).toMatch(new RegExp(`^ {2}sent +${sent}$`, 'm'));
  });
});
