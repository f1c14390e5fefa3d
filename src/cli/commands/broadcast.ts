/**
 * `waba broadcast`: sends one template to every opted-in recipient of a CSV file through `broadcast()`, with
 * progress, a summary table and a JSON report file.
 * @module
 */
import { type BroadcastReport, broadcast } from '../../broadcast/broadcast.js';
import { inControlGroup, resolveControlGroup } from '../../broadcast/control-group.js';
import { normalizeRecipient } from '../../core/identity.js';
import type { OutboundMessage } from '../../core/message.js';
import { createClient } from '../../create-client.js';
import { intOption, numberOption, parseCommand, readFileOrFail } from '../args.js';
import { buildClientConfig, CONFIG_OPTIONS, configHelp, providerArg } from '../client-config.js';
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
  --dry-run                 read, check numbers, consent and the config, and send nothing
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
  const force = new AbortController();
  let stoppedBy: Awaited<ReturnType<CliIo['waitForStop']>> | undefined;
  try {
    const client = createClient(config);
    if (dryRun) {
      report = dryRunReport(records, phoneColumn, consent, controlGroup);
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

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_SIGINT = 130;
/** Exit status of a run stopped by SIGTERM (128 + 15). */
const EXIT_SIGTERM = 143;

/**
 * What a run would do, without sending: numbers checked, then (in `broadcast()`'s order) duplicates, the control
 * group and consent counted.
 */
function dryRunReport(
  records: Row[],
  phoneColumn: string,
  consent: (phone: string, row: Row) => boolean,
  controlGroup: number | undefined,
): BroadcastReport {
  const report: BroadcastReport = {
    total: records.length,
    sent: 0,
    failed: 0,
    skipped: { consent: 0, controlGroup: 0, quota: 0, duplicate: 0, campaign: 0 },
    errors: [],
    aborted: false,
    unsent: 0,
    unsentRecipients: [],
    unknown: 0,
    unknownSends: [],
  };
  const group = resolveControlGroup(controlGroup);
  const seen = new Set<string>();
  for (const row of records) {
    const raw = row[phoneColumn] ?? '';
    let phone: string;
    try {
      phone = normalizeRecipient(raw);
    } catch (error) {
      report.failed += 1;
      report.errors.push({ recipient: raw, error });
      continue;
    }
    if (seen.has(phone)) {
      report.skipped.duplicate += 1;
      continue;
    }
    seen.add(phone);
    if (group && inControlGroup(phone.slice(1), group)) report.skipped.controlGroup += 1;
    else if (!consent(phone, row)) report.skipped.consent += 1;
    else report.sent += 1;
  }
  return report;
}
