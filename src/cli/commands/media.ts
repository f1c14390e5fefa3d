/**
 * `waba media download <provider> <id|url> [-o file]` and `waba media upload <provider> <file> [--type mime]`:
 * the client's `downloadMedia` and `uploadMedia` from the command line. A download streams to the file or to
 * standard output (never held whole in memory), with a progress bar on standard error only when it is a terminal;
 * an upload prints the media id.
 * @module
 */
import type { WhatsAppClient } from '../../core/client.js';
import { formatBytes } from '../../core/media/limits.js';
import type { MediaRef } from '../../core/media/types.js';
import type { ProviderId } from '../../core/provider.js';
import { MEDIA_EXTENSIONS } from '../../providers/meta/media.js';
import { parseCommand } from '../args.js';
import {
  buildClientConfig,
  CONFIG_OPTIONS,
  configHelp,
  createCliClient,
  providerArg,
} from '../client-config.js';
import { CliError, describeError, EXIT_FAILURE, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { progressBar } from '../progress.js';
import { terminalSafe } from '../terminal.js';
import { configSecrets } from './send.js';

/** `waba media --help`. */
export const MEDIA_HELP = `Usage: waba media download <provider> <id|url> [-o <file>]
       waba media upload <provider> <file> [--type <mime>]

download  Fetches an inbound media file by its id (Meta, CleverTap) or URL (Vonage, Gupshup, or a Cloud API
          media URL) and writes it to <file>, or to standard output without -o. The provider's size and SHA-256
          are checked as it streams; a mismatch exits 1 (what was written is incomplete: delete it). A progress
          bar is drawn on standard error when it is a terminal.
            -o, --output <file>    where to write (default: standard output)
            --max-bytes <n>        refuse files larger than this (default 100 MiB)
upload    Uploads <file> (Meta, CleverTap) and prints the media id, for sending with a mediaId.
            --type <mime>          the file's MIME type (default: from its extension)

Provider config (flag, else environment variable):
${configHelp()}

Secrets are never printed. Pass them through the environment rather than flags (shell history).`;

/** The MIME type of each usual extension (the inverse of the upload table). */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(MEDIA_EXTENSIONS)
    .filter(([mime]) => mime !== 'image/jpg')
    .map(([mime, ext]) => [ext, mime]),
);

/** The MIME type of `path` from its extension, or `undefined`. */
export function mimeTypeOfPath(path: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === undefined) return undefined;
  return MIME_BY_EXTENSION[ext === 'jpeg' ? 'jpg' : ext];
}

/** One progress line for a download: `[#####-----]  50%  1.0 MiB/2.0 MiB`, or the bytes so far. */
export function downloadProgressLine(received: number, total: number | undefined): string {
  if (total === undefined || total <= 0) return `${formatBytes(received)} received`;
  return `${progressBar(received / total)}  ${formatBytes(received)}/${formatBytes(total)}`;
}

/** A media reference from the command line: a URL when it looks like one, else an id. */
function mediaRef(value: string): MediaRef {
  return /^https?:\/\//i.test(value) ? { url: value } : { id: value };
}

async function client(
  provider: ProviderId,
  values: Record<string, unknown>,
  io: CliIo,
): Promise<{ client: WhatsAppClient; secrets: string[] }> {
  const config = await buildClientConfig(provider, values, io, 'media');
  return {
    client: createCliClient(config, 'media'),
    secrets: configSecrets(config as Record<string, unknown>),
  };
}

async function download(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand('media', argv, {
    ...CONFIG_OPTIONS,
    output: { type: 'string', short: 'o' },
    'max-bytes': { type: 'string' },
  });
  if (help) {
    io.out(`${MEDIA_HELP}\n`);
    return 0;
  }
  const [providerName, ref, ...extra] = positionals;
  if (ref === undefined || extra.length > 0)
    throw usageError('usage: waba media download <provider> <id|url> [-o <file>]', 'media');
  const provider = providerArg(providerName, 'media');
  const maxBytesText = values['max-bytes'] as string | undefined;
  const maxBytes = maxBytesText === undefined ? undefined : Number(maxBytesText);
  if (maxBytes !== undefined && !(Number.isSafeInteger(maxBytes) && maxBytes > 0))
    throw usageError('--max-bytes must be a whole number of bytes', 'media');
  const { client: c, secrets } = await client(provider, values as Record<string, unknown>, io);
  const output = values.output as string | undefined;
  try {
    const media = await c.downloadMedia(mediaRef(ref), maxBytes === undefined ? {} : { maxBytes });
    let received = 0;
    let drawn = false;
    const progress = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (io.isTTY) {
          io.err(`\r${downloadProgressLine(received, media.size)}`);
          drawn = true;
        }
        controller.enqueue(chunk);
      },
    });
    try {
      await media.body.pipeThrough(progress).pipeTo(io.openOutput(output));
    } finally {
      if (drawn) io.err('\n');
    }
    if (output !== undefined)
      io.err(`wrote ${formatBytes(received)} (${terminalSafe(media.mimeType)}) to ${terminalSafe(output)}\n`);
    return 0;
  } catch (error) {
    throw new CliError(describeError(error, secrets), EXIT_FAILURE);
  }
}

async function upload(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand('media', argv, {
    ...CONFIG_OPTIONS,
    type: { type: 'string' },
  });
  if (help) {
    io.out(`${MEDIA_HELP}\n`);
    return 0;
  }
  const [providerName, path, ...extra] = positionals;
  if (path === undefined || extra.length > 0)
    throw usageError('usage: waba media upload <provider> <file> [--type <mime>]', 'media');
  const provider = providerArg(providerName, 'media');
  const mimeType = (values.type as string | undefined) ?? mimeTypeOfPath(path);
  if (!mimeType)
    throw usageError(
      `cannot tell the type of ${terminalSafe(path)} from its name: pass --type <mime>`,
      'media',
    );
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch {
    throw usageError(`cannot read ${terminalSafe(path)}`, 'media');
  }
  const { client: c, secrets } = await client(provider, values as Record<string, unknown>, io);
  const filename = path.split(/[\\/]/).pop();
  try {
    const { mediaId } = await c.uploadMedia(bytes, { mimeType, ...(filename ? { filename } : {}) });
    io.out(`${mediaId}\n`);
    return 0;
  } catch (error) {
    throw new CliError(describeError(error, secrets), EXIT_FAILURE);
  }
}

/** Runs `waba media`. */
export async function mediaCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'download') return download(rest, io);
  if (sub === 'upload') return upload(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out(`${MEDIA_HELP}\n`);
    return sub === undefined ? 2 : 0;
  }
  throw usageError(`unknown media command "${terminalSafe(sub)}": use download or upload`, 'media');
}
