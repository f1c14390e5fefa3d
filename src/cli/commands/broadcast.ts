/**
 * `waba broadcast`: sends one template to every opted-in recipient of a CSV file through `broadcast()`, with
 * progress, a summary table and a JSON report file.
 * @module
 */
import { type BroadcastReport, broadcast, emptyBroadcastReport } from '../../broadcast/broadcast.js';
import { inControlGroup, resolveControlGroup } from '../../broadcast/control-group.js';
import type { WhatsAppClient } from '../../core/client.js';
import { normalizeRecipient } from '../../core/identity.js';
import type { OutboundMessage } from '../../core/message.js';
import { variablesOf } from '../../templates/placeholders.js';
import { intOption, numberOption, parseCommand, readFileOrFail } from '../args.js';
import {
  buildClientConfig,
  CONFIG_OPTIONS,
  configHelp,
  createCliClient,
  providerArg,
} from '../client-config.js';
import { parseCsvRecords } from '../csv.js';
import { CliError, describeError, EXIT_FAILURE, usageError } from '../errors.js';
import { type CliIo, utf8 } from '../io.js';
import { createProgressReporter } from '../progress.js';
import { terminalSafe } from '../terminal.js';
import { configSecrets, MESSAGE_OPTIONS, maskJson } from './send.js';

/** `waba broadcast --help`. */
export const BROADCAST_HELP = `Usage: waba broadcast --provider <p> --recipients <file.csv> --template <name> [options]

Sends one template to every opted-in recipient in a CSV file (header row required), at a bounded concurrency
and rate, and prints a summary table. Writes a JSON report (per-recipient message ids and errors).

Recipients:
  --recipients <file.csv>   the list; the number is read from the column phone, to, number or msisdn
  --phone-column <name>     read the number from this column instead
  --consent-column <name>   send only to rows whose column is yes, y, true or 1 (opted in)
  --all-opted-in            every row has opted in (consent was checked upstream); one of these two is required

Message:
  --template <name>         the approved template (Gupshup: the template id)
  --language <code>         its language (default en)
  --param <value>           a body parameter, in order; {column} is replaced by the row's value, e.g. --param "{name}"
  --namespace <ns>          Vonage legacy templates: the WhatsApp namespace

Sending:
  --concurrency <n>         sends in flight at once (default 8)
  --rate <n>                sends started per second, at most (default 80)
  --control-group <f>       hold out this fraction (0 to 1) of recipients, by a stable hash
  --dry-run                 send nothing: list who would be messaged, name the CSV row of each bad number,
                            and check --param against the template when the provider can list templates
  --report <file>           where to write the JSON report (default broadcast-report-<time>.json)

Provider config (flag, else environment variable):
${configHelp()}
  --provider <p>            nexmo, gupshup, meta or clevertap (or WABA_PROVIDER)

Exit status: 0 when nothing failed, 1 when any send failed, 2 on usage errors, 130 when stopped by Ctrl-C
(143 by SIGTERM). Ctrl-C stops starting sends and lets those in flight finish (up to 10 s); a second Ctrl-C
stops them at once and reports them "unknown" with their clientRef (reconcile with status webhooks). The report
is written either way and lists every row: sent, failed, unknown, and unsent (never attempted: safe to re-send).`;

const PHONE_COLUMNS = ['phone', 'to', 'number', 'msisdn'];
const YES = new Set(['yes', 'y', 'true', '1']);

type Row = Record<string, string>;

/** Fills `{column}` placeholders from a row. */
function fill(template: string, row: Row): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => row[name.trim()] ?? '');
}

/** The summary table printed after a run. */
export function summaryTable(report: BroadcastReport, dryRun: boolean): string {
  const rows: [string, number][] = [
    [dryRun ? 'would send' : 'sent', report.sent],
    ['failed', report.failed],
    ['skipped: no consent', report.skipped.consent],
    ['skipped: control group', report.skipped.controlGroup],
    ['skipped: quota', report.skipped.quota],
    ['skipped: duplicate', report.skipped.duplicate],
  ];
  if (report.aborted || report.unknown > 0) rows.push(['unknown (in flight)', report.unknown]);
  if (report.aborted) rows.push(['unsent (stopped)', report.unsent]);
  rows.push(['total', report.total]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, n]) => `  ${label.padEnd(width)}  ${String(n).padStart(7)}`).join('\n');
}

/** Runs `waba broadcast`. */
export async function broadcastCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand('broadcast', argv, {
    ...CONFIG_OPTIONS,
    ...MESSAGE_OPTIONS,
    recipients: { type: 'string' },
    'phone-column': { type: 'string' },
    'consent-column': { type: 'string' },
    'all-opted-in': { type: 'boolean' },
    concurrency: { type: 'string' },
    rate: { type: 'string' },
    'control-group': { type: 'string' },
    'dry-run': { type: 'boolean' },
    report: { type: 'string' },
  });
  if (help) {
    io.out(`${BROADCAST_HELP}\n`);
    return 0;
  }
  const cmd = 'broadcast';
  if (positionals.length > 0) throw usageError('broadcast takes no positional arguments', cmd);
  const provider = providerArg(
    ((values as Record<string, unknown>).provider as string | undefined) ?? io.env.WABA_PROVIDER,
    cmd,
  );
  const file = values.recipients as string | undefined;
  if (!file) throw usageError('--recipients <file.csv> is required', cmd);
  const template = values.template as string | undefined;
  if (!template) throw usageError('--template <name> is required', cmd);
  const consentColumn = values['consent-column'] as string | undefined;
  const allOptedIn = values['all-opted-in'] === true;
  if (consentColumn === undefined && !allOptedIn) {
    throw usageError('say who opted in: --consent-column <name> or --all-opted-in', cmd);
  }
  if (consentColumn !== undefined && allOptedIn) {
    throw usageError('give --consent-column or --all-opted-in, not both', cmd);
  }
  const concurrency = intOption(values.concurrency as string | undefined, 'concurrency', cmd, 1, 1000);
  const rate = numberOption(values.rate as string | undefined, 'rate', cmd);
  const controlGroupText = values['control-group'] as string | undefined;
  const controlGroup = controlGroupText === undefined ? undefined : Number(controlGroupText);
  if (controlGroup !== undefined && !(controlGroup >= 0 && controlGroup < 1)) {
    throw usageError('--control-group must be a fraction from 0 to below 1, e.g. 0.1', cmd);
  }
  const params = (values.param as string[] | undefined) ?? [];
  const dryRun = values['dry-run'] === true;

  const { columns, records } = parseCsvRecords(utf8(await readFileOrFail(io, file)));
  const phoneColumn =
    (values['phone-column'] as string | undefined) ?? PHONE_COLUMNS.find((c) => columns.includes(c));
  if (phoneColumn === undefined || !columns.includes(phoneColumn)) {
    throw usageError(
      `${file} has no phone column: name one of ${PHONE_COLUMNS.join(', ')} or pass --phone-column`,
      cmd,
    );
  }
  if (consentColumn !== undefined && !columns.includes(consentColumn)) {
    throw usageError(`${file} has no column "${consentColumn}" (columns: ${columns.join(', ')})`, cmd);
  }
  for (const p of params) {
    for (const [, name] of p.matchAll(/\{([^{}]+)\}/g)) {
      if (!columns.includes((name ?? '').trim())) {
        throw usageError(
          `--param uses {${name}} but ${file} has no such column (columns: ${columns.join(', ')})`,
          cmd,
        );
      }
    }
  }

  const config = await buildClientConfig(provider, values, io, cmd);
  const secrets = configSecrets(config as Record<string, unknown>);
  const language = (values.language as string | undefined) ?? 'en';
  const namespace = values.namespace as string | undefined;
  const build = (row: Row): OutboundMessage => ({
    type: 'template',
    to: row[phoneColumn] ?? '',
    name: template,
    language,
    ...(namespace ? { namespace } : {}),
    ...(params.length > 0 ? { body: params.map((p) => fill(p, row)) } : {}),
  });
  const consent = (_phone: string, row: Row) =>
    allOptedIn || YES.has((row[consentColumn ?? ''] ?? '').trim().toLowerCase());

  const startedAt = new Date(io.now()).toISOString();
  const sent: { to: string; messageId: string; clientRef?: string | undefined }[] = [];
  let report: BroadcastReport;
  const controller = new AbortController();
  const client = createCliClient(config, cmd);
  const force = new AbortController();
  let stoppedBy: Awaited<ReturnType<CliIo['waitForStop']>> | undefined;
  try {
    if (dryRun) {
      return await dryRunCommand({
        io,
        client,
        records,
        phoneColumn,
        consent,
        controlGroup,
        template,
        language,
        params: params.length,
        provider,
        secrets,
        reportPath: values.report as string | undefined,
        startedAt,
      });
    } else {
      client.on('message.sent', ({ result }) => {
        sent.push({ to: result.to, messageId: result.messageId, clientRef: result.clientRef });
      });
      // First Ctrl-C: no new sends, in-flight ones may finish; a second one cancels them (reported unknown).
      void io.waitForStop().then((signalName) => {
        stoppedBy = signalName ?? 'SIGINT';
        controller.abort();
        io.err('stopping: no new sends; waiting for those in flight (Ctrl-C again to stop them now)\n');
        void io.waitForStop().then(() => force.abort());
      });
      const progress = createProgressReporter(io);
      report = await broadcast(client, records, build, {
        consent,
        phoneOf: (row) => row[phoneColumn] ?? '',
        concurrency,
        ratePerSecond: rate,
        controlGroup,
        signal: controller.signal,
        forceSignal: force.signal,
        progressEvery: io.isTTY ? 1 : Math.max(1, Math.ceil(records.length / 20)),
        onProgress: (p) => progress.update(p),
      });
      progress.done();
    }
  } catch (error) {
    throw new CliError(describeError(error, secrets), EXIT_FAILURE);
  }

  const reportPath =
    (values.report as string | undefined) ?? `broadcast-report-${startedAt.replace(/[:.]/g, '-')}.json`;
  const failed = report.errors.map((e) => ({ to: e.recipient, error: describeError(e.error, secrets) }));
  await io.writeFile(
    reportPath,
    `${maskJson(
      {
        provider,
        template,
        language,
        dryRun,
        startedAt,
        finishedAt: new Date(io.now()).toISOString(),
        summary: { ...report, errors: undefined, unsentRecipients: undefined, unknownSends: undefined },
        sent,
        failed,
        unknown: report.unknownSends.map((u) => ({ to: u.recipient, clientRef: u.clientRef })),
        unsent: report.unsentRecipients.map((to) => ({ to })),
      },
      secrets,
    )}\n`,
  );
  io.out(`${summaryTable(report, dryRun)}\n`);
  for (const f of failed.slice(0, 10)) io.out(`  failed ${terminalSafe(f.to)}: ${terminalSafe(f.error)}\n`);
  if (failed.length > 10) io.out(`  ... and ${failed.length - 10} more in the report\n`);
  io.out(`report: ${terminalSafe(reportPath)}\n`);
  if (report.aborted) return stoppedBy === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT;
  return report.failed > 0 ? EXIT_FAILURE : 0;
}

/** What a dry run reads and checks. */
interface DryRunInput {
  io: CliIo;
  client: WhatsAppClient;
  records: Row[];
  phoneColumn: string;
  consent: (phone: string, row: Row) => boolean;
  controlGroup: number | undefined;
  template: string;
  language: string;
  /** How many body parameters `--param` gives. */
  params: number;
  provider: string;
  secrets: readonly string[];
  reportPath: string | undefined;
  startedAt: string;
}

/** A client that can list its templates (the Cloud API clients: Meta and CleverTap). */
interface TemplateLister {
  listTemplates(query: { name?: string; language?: string }): AsyncIterable<{
    name: string;
    language: string;
    components: Record<string, unknown>[];
  }>;
}

/**
 * Checks `--param` against the approved template when the provider lets the client read it: the body's
 * variables must be as many as the parameters given (else every send fails, e.g. Meta's 132000).
 */
async function checkTemplate(
  input: DryRunInput,
): Promise<{ checked: boolean; problem?: string; note?: string }> {
  const lister = input.client as unknown as Partial<TemplateLister>;
  if (typeof lister.listTemplates !== 'function')
    return {
      checked: false,
      note: `${input.provider} has no template API in this client: parameters not checked`,
    };
  try {
    for await (const t of lister.listTemplates({ name: input.template, language: input.language })) {
      if (t.name !== input.template || t.language !== input.language) continue;
      const body = t.components.find((c) => String(c.type).toUpperCase() === 'BODY');
      const expected = typeof body?.text === 'string' ? variablesOf(body.text).length : 0;
      if (expected !== input.params)
        return {
          checked: true,
          problem: `template ${input.template} (${input.language}) has ${expected} body parameter(s) but --param gives ${input.params}: every send would fail`,
        };
      return { checked: true };
    }
    return {
      checked: true,
      problem: `template ${input.template} (${input.language}) was not found: every send would fail`,
    };
  } catch (error) {
    return { checked: false, note: `template not checked: ${describeError(error, input.secrets)}` };
  }
}

/**
 * `--dry-run`: sends nothing. Lists who would be messaged (with their CSV row), names the row of each bad
 * number, checks the parameters against the template when it can, writes the report with a summary that
 * matches its arrays, and exits 0 when nothing would fail.
 */
async function dryRunCommand(input: DryRunInput): Promise<number> {
  const { io } = input;
  const report = dryRunReport(input.records, input.phoneColumn, input.consent, input.controlGroup);
  const template = await checkTemplate(input);
  const reportPath = input.reportPath ?? `broadcast-dry-run-${input.startedAt.replace(/[:.]/g, '-')}.json`;
  const failed = report.invalid.map((e) => ({
    row: e.row,
    to: e.recipient,
    error: describeError(e.error, input.secrets),
  }));
  await io.writeFile(
    reportPath,
    `${maskJson(
      {
        provider: input.provider,
        template: input.template,
        language: input.language,
        dryRun: true,
        startedAt: input.startedAt,
        finishedAt: new Date(io.now()).toISOString(),
        // The counts of the arrays below: `wouldSend` rows, `failed` rows.
        summary: {
          total: report.summary.total,
          wouldSend: report.wouldSend.length,
          failed: failed.length,
          skipped: report.summary.skipped,
        },
        templateCheck: template,
        wouldSend: report.wouldSend,
        failed,
      },
      input.secrets,
    )}\n`,
  );
  io.out(`${summaryTable(report.summary, true)}\n`);
  for (const r of report.wouldSend.slice(0, 10)) io.out(`  would send row ${r.row}: ${r.to}\n`);
  if (report.wouldSend.length > 10) io.out(`  ... and ${report.wouldSend.length - 10} more in the report\n`);
  // JSON quoting shows exactly what the row holds, control characters escaped.
  for (const f of failed) io.out(`  row ${f.row}: ${JSON.stringify(f.to)} is not a valid recipient\n`);
  if (template.problem) io.out(`  ${template.problem}\n`);
  else if (template.note) io.out(`  ${template.note}\n`);
  else io.out(`  template ${input.template} (${input.language}) found; ${input.params} parameter(s) match\n`);
  io.out(`report: ${reportPath}\n`);
  return failed.length > 0 || template.problem ? EXIT_FAILURE : 0;
}
/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_SIGINT = 130;
/** Exit status of a run stopped by SIGTERM (128 + 15). */
const EXIT_SIGTERM = 143;

/**
 * What a run would do, without sending: numbers checked, then (in `broadcast()`'s order) duplicates, the control
 * group and consent counted. Rows are numbered as in the file (the header is row 1).
 */
function dryRunReport(
  records: Row[],
  phoneColumn: string,
  consent: (phone: string, row: Row) => boolean,
  controlGroup: number | undefined,
): {
  summary: BroadcastReport;
  wouldSend: { row: number; to: string }[];
  invalid: { row: number; recipient: string; error: unknown }[];
} {
  const summary = emptyBroadcastReport(records.length);
  const wouldSend: { row: number; to: string }[] = [];
  const invalid: { row: number; recipient: string; error: unknown }[] = [];
  const group = resolveControlGroup(controlGroup);
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const row = index + 2;
    const raw = record[phoneColumn] ?? '';
    let phone: string;
    try {
      phone = normalizeRecipient(raw);
    } catch (error) {
      summary.failed += 1;
      invalid.push({ row, recipient: raw, error });
      return;
    }
    if (seen.has(phone)) {
      summary.skipped.duplicate += 1;
      return;
    }
    seen.add(phone);
    if (group && inControlGroup(phone.slice(1), group)) summary.skipped.controlGroup += 1;
    else if (!consent(phone, record)) summary.skipped.consent += 1;
    else {
      summary.sent += 1;
      wouldSend.push({ row, to: phone });
    }
  });
  return { summary, wouldSend, invalid };
}
