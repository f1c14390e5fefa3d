/**
 * `runCli(argv, io)`: the `waba` command as a function, dispatching to the subcommands and turning every
 * failure into one line on standard error and an exit code.
 * @module
 */
import { BROADCAST_HELP, broadcastCommand } from './commands/broadcast.js';
import { JWT_HELP, jwtCommand } from './commands/jwt.js';
import { MEDIA_HELP, mediaCommand } from './commands/media.js';
import { SANDBOX_HELP, sandboxCommand } from './commands/sandbox.js';
import { SEND_HELP, sendCommand } from './commands/send.js';
import { VALIDATE_HELP, validateCommand } from './commands/validate.js';
import { WEBHOOK_HELP, webhookCommand } from './commands/webhook.js';
import { CliError, describeError, EXIT_FAILURE, EXIT_USAGE } from './errors.js';
import type { CliIo } from './io.js';
import { terminalSafe } from './terminal.js';
import { version } from './version.js';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string; summary: string }> = {
  validate: {
    run: validateCommand,
    help: VALIDATE_HELP,
    summary: 'check template definitions (every issue, code and path)',
  },
  jwt: { run: jwtCommand, help: JWT_HELP, summary: 'print a Vonage application JWT for curl' },
  webhook: {
    run: webhookCommand,
    help: WEBHOOK_HELP,
    summary: 'parse a webhook body, or verify its signature',
  },
  send: {
    run: sendCommand,
    help: SEND_HELP,
    summary: "send one message and print the provider's full answer",
  },
  broadcast: {
    run: broadcastCommand,
    help: BROADCAST_HELP,
    summary: 'send a template to a CSV of recipients',
  },
  media: {
    run: mediaCommand,
    help: MEDIA_HELP,
    summary: 'download inbound media, upload a file for a media id',
  },
  sandbox: { run: sandboxCommand, help: SANDBOX_HELP, summary: 'start the local provider emulator' },
};

/** `waba --help`. */
export const MAIN_HELP = `Usage: waba <command> [options]

WhatsApp Business messaging from the command line (waba-kit): Vonage/Nexmo, Gupshup, CleverTap, Meta Cloud API.

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "waba <command> --help" for a command's options, "waba --version" for the version. Config comes from flags or WABA_* environment variables;
secrets are never printed.`;

/**
 * Runs the `waba` command line `argv` (without the node and script paths) and resolves with the exit code:
 * 0 on success, 1 when the operation failed, 2 on a usage error. Never throws; failures are written to
 * `io.err` as one line starting with `waba: `.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.out(`${version}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : COMMANDS[topic];
    io.out(`${command ? command.help : MAIN_HELP}\n`);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(
      `waba: unknown command "${terminalSafe(name)}"; commands: ${Object.keys(COMMANDS).join(', ')} (see: waba --help)\n`,
    );
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`waba: ${terminalSafe(describeError(error))}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  }
}
