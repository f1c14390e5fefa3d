/**
 * The CLI never prints user data raw to the terminal (issue "Hostile input and bad days", item 13): CSV cells,
 * template names, webhook bodies and provider answers can carry ANSI/OSC escape sequences, C0/C1 controls and
 * bidi overrides that would recolour, retitle or clear the terminal, fake lines, or plant a hyperlink. Every
 * line that prints user data goes through one helper in src/cli that shows those characters escaped.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { terminalJson, terminalSafe } from '../../src/cli/terminal.js';
import { server } from '../setup/msw.js';
import { fixtureText } from '../webhooks/helpers.js';
import { cli } from './io.js';

/** Whether `line` holds a C0 control, DEL, a C1 control (8-bit CSI, OSC) or a bidi control. */
function hasRaw(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
      return true;
  }
  return false;
}
const OSC_LINK = '\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007';
const CLEAR = '\u001b[2J\u001b[H';

/** Output lines must hold no raw control character (the line breaks between lines are ours). */
function expectClean(text: string): void {
  for (const line of text.split('\n')) expect(hasRaw(line), JSON.stringify(line)).toBe(false);
}

describe('terminalSafe', () => {
  it('shows every C0 and C1 control, DEL and bidi control as a visible escape', () => {
    for (let c = 0; c <= 0x9f; c++) {
      if (c >= 0x20 && c < 0x7f) continue;
      const out = terminalSafe(`a${String.fromCharCode(c)}b`);
      expect(hasRaw(out)).toBe(false);
      expect(out).toBe(`a\\x${c.toString(16).padStart(2, '0')}b`);
    }
    expect(terminalSafe('x\u202ey\u2066z')).toBe('x\\u{202e}y\\u{2066}z');
    expect(terminalSafe(OSC_LINK)).toBe('\\x1b]8;;https://evil.example/\\x07click me\\x1b]8;;\\x07');
  });

  it('keeps printable text, accents and emoji as they are', () => {
    expect(terminalSafe('Olá +44 7700 900001 😀 {name}')).toBe('Olá +44 7700 900001 😀 {name}');
  });

  it('terminalJson escapes what JSON.stringify leaves raw (DEL, C1, bidi) and stays valid JSON', () => {
    const value = { text: `\u009b31m red \u007f \u202e ${CLEAR}` };
    const out = terminalJson(value);
    expectClean(out);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('commands', () => {
  it('waba broadcast: a CSV cell with an OSC hyperlink and a screen clear is printed escaped', async () => {
    const BASE = 'https://terminal.cli.test';
    server.use(
      http.post(`${BASE}/v23.0/1065/messages`, async () =>
        HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.1' }] }),
      ),
    );
    const csv = ['phone,opted_in', `${OSC_LINK},yes`, `+4477${CLEAR}00900002,yes`].join('\n');
    const { stdout, stderr } = await cli(
      [
        'broadcast',
        '--recipients',
        'list.csv',
        '--template',
        't',
        '--consent-column',
        'opted_in',
        '--report',
        'r.json',
      ],
      {
        env: {
          WABA_PROVIDER: 'meta',
          WABA_BASE_URL: BASE,
          WABA_ACCESS_TOKEN: 'EAAterminal0test0access0token0long0enough',
          WABA_PHONE_NUMBER_ID: '1065',
          WABA_API_VERSION: 'v23.0',
        },
        files: { 'list.csv': csv },
      },
    );
    expect(stdout).toContain('failed');
    expect(stdout).toContain('\\x1b]8;;https://evil.example/\\x07');
    expectClean(stdout);
    expectClean(stderr);
  });

  it('waba validate: a template name with escape sequences, in text and --json output', async () => {
    const template = {
      name: `bad${CLEAR}\u009b2J`,
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: `Hi ${OSC_LINK} there.` }],
    };
    const files = { [`t${CLEAR}.json`]: JSON.stringify(template) };
    const text = await cli(['validate', `t${CLEAR}.json`], { files });
    expect(text.stdout).toContain('\\x1b[2J');
    expectClean(text.stdout);
    expectClean(text.stderr);
    const json = await cli(['validate', '--json', `t${CLEAR}.json`], { files });
    expectClean(json.stdout);
    expect(JSON.parse(json.stdout)[0].name).toBe(template.name);
  });

  it('waba webhook parse: a message text with 8-bit CSI and DEL stays inert JSON', async () => {
    const payload = JSON.parse(fixtureText('meta', 'message-text'));
    payload.entry[0].changes[0].value.messages[0].text.body = `\u009b2J\u007f${OSC_LINK}`;
    const body = JSON.stringify(payload);
    const { stdout, code } = await cli(['webhook', 'parse', 'meta'], { stdin: body });
    expect(code).toBe(0);
    expectClean(stdout);
    expect(JSON.parse(stdout)[0].text).toBe(`\u009b2J\u007f${OSC_LINK}`);
  });

  it('the one-line error of a failed command is escaped', async () => {
    const { stderr, code } = await cli(['validate', `missing${OSC_LINK}.json`], { files: {} });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^waba: /);
    expectClean(stderr);
    expect(stderr).toContain('\\x1b]8;;');
  });
});
