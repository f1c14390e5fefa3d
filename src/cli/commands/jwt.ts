/**
 * `waba jwt --application-id <id> --private-key <file> [--ttl 900]`: prints a Vonage application JWT for curl.
 * @module
 */
import { signApplicationJwt } from '../../jwt/sign.js';
import { intOption, parseCommand, readFileOrFail } from '../args.js';
import { usageError } from '../errors.js';
import { type CliIo, utf8 } from '../io.js';

/** `waba jwt --help`. */
export const JWT_HELP = `Usage: waba jwt --application-id <id> --private-key <file> [--ttl 900]

Signs a Vonage application JWT (RS256) and prints it, for testing the Messages API with curl:
  curl -H "Authorization: Bearer $(waba jwt --application-id $APP_ID --private-key private.key)" ...

Options:
  --application-id <id>  the Vonage application id (or WABA_APPLICATION_ID)
  --private-key <file>   the application's private key file, PKCS#8 or PKCS#1 PEM (or WABA_PRIVATE_KEY:
                         a file path or the PEM text). The key is never printed.
  --ttl <seconds>        token lifetime, 1 to 86400 (default 900)
  -h, --help             show this help`;

/** Runs `waba jwt`. */
export async function jwtCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, help } = parseCommand('jwt', argv, {
    'application-id': { type: 'string' },
    'private-key': { type: 'string' },
    ttl: { type: 'string' },
  });
  if (help) {
    io.out(`${JWT_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw usageError('jwt takes no positional arguments', 'jwt');
  const applicationId = values['application-id'] ?? io.env.WABA_APPLICATION_ID;
  if (!applicationId) throw usageError('--application-id is required (or WABA_APPLICATION_ID)', 'jwt');
  const keySource = values['private-key'] ?? io.env.WABA_PRIVATE_KEY;
  if (!keySource) throw usageError('--private-key <file> is required (or WABA_PRIVATE_KEY)', 'jwt');
  const ttlSeconds = intOption(values.ttl, 'ttl', 'jwt', 1, 86_400) ?? 900;
  const privateKey = keySource.includes('-----BEGIN') ? keySource : utf8(await readFileOrFail(io, keySource));
  const token = await signApplicationJwt({ applicationId, privateKey, ttlSeconds });
  io.out(`${token}\n`);
  return 0;
}
