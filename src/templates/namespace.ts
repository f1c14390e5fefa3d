/**
 * Legacy Vonage (v0.1) template names: `namespace:name`, where the namespace is the WhatsApp Business account's
 * template namespace (e.g. `9b6b4fcb_da19_4a26_8fe8_78074a91b584:verify`, or the older
 * `whatsapp:hsm:technology:nexmo:verify` form). Source: the Vonage Messages API specification's template
 * example and its description, "your WhatsApp namespace ... followed by a colon `:` and the name of the
 * template" (https://developer.vonage.com/en/api/messages).
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { TemplateIssue } from './types.js';

/**
 * A namespace:name pair, split at the last colon.
 * @inline
 */
export interface LegacyTemplateName {
  namespace: string;
  name: string;
}

/**
 * The issue {@link parseLegacyTemplateName} reports: code `namespace.format`.
 * @inline
 */
export interface NamespaceIssue extends Omit<TemplateIssue, 'code'> {
  code: 'namespace.format';
}

/**
 * Result of {@link parseLegacyTemplateName}.
 * @inline
 */
export type LegacyTemplateNameResult =
  | ({ valid: true } & LegacyTemplateName)
  | { valid: false; issues: NamespaceIssue[] };

const NAMESPACE = /^[A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*$/;
const NAME = /^[a-z0-9_]+$/;

function issue(message: string, path: (string | number)[] = []): NamespaceIssue {
  return { code: 'namespace.format', path, message, severity: 'error' };
}

/**
 * Parses and checks a legacy `namespace:name` template name. The name is the part after the last colon and must
 * be `[a-z0-9_]`; the namespace is everything before it (letters, digits, `_`, `-`, colon-separated segments).
 * Never throws; the result carries `namespace.format` issues.
 *
 * @example
 * ```ts
 * parseLegacyTemplateName('9b6b4fcb_da19_4a26_8fe8_78074a91b584:verify');
 * // { valid: true, namespace: '9b6b4fcb_da19_4a26_8fe8_78074a91b584', name: 'verify' }
 * ```
 */
export function parseLegacyTemplateName(input: unknown): LegacyTemplateNameResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return {
      valid: false,
      issues: [
        issue(
          'A legacy template name is a non-empty string "namespace:name", e.g. "9b6b4fcb_da19_4a26_8fe8_78074a91b584:verify".',
        ),
      ],
    };
  }
  const at = input.lastIndexOf(':');
  if (at === -1) {
    return {
      valid: false,
      issues: [
        issue(
          `"${input}" has no namespace; legacy Vonage templates are named "namespace:name" (your WhatsApp template namespace, a colon, then the template name).`,
        ),
      ],
    };
  }
  const namespace = input.slice(0, at);
  const name = input.slice(at + 1);
  const issues: NamespaceIssue[] = [];
  if (!NAMESPACE.test(namespace)) {
    issues.push(
      issue(
        `The namespace "${namespace}" is ${namespace ? 'not valid: use letters, digits, "_" and "-" only' : 'empty'} (it is shown in WhatsApp Manager, e.g. 9b6b4fcb_da19_4a26_8fe8_78074a91b584).`,
        ['namespace'],
      ),
    );
  }
  if (!NAME.test(name)) {
    issues.push(
      issue(
        `The template name "${name}" is ${name ? 'not valid: use lowercase letters, digits and underscores' : 'empty'}.`,
        ['name'],
      ),
    );
  }
  return issues.length > 0 ? { valid: false, issues } : { valid: true, namespace, name };
}

/**
 * Builds `namespace:name` from its parts, checking both; throws a {@link ValidationError} with
 * `namespace.format` issues when either is invalid.
 *
 * @example
 * ```ts
 * formatLegacyTemplateName({ namespace: 'whatsapp:hsm:technology:nexmo', name: 'verify' });
 * // 'whatsapp:hsm:technology:nexmo:verify'
 * ```
 */
export function formatLegacyTemplateName(parts: LegacyTemplateName): string {
  const joined = `${parts?.namespace ?? ''}:${parts?.name ?? ''}`;
  const result = parseLegacyTemplateName(joined);
  const bad =
    !result.valid || result.namespace !== parts.namespace || result.name !== parts.name
      ? result.valid
        ? [issue(`The template name "${parts.name}" cannot contain a colon.`, ['name'])]
        : result.issues
      : [];
  if (bad.length > 0) {
    throw new ValidationError(`Invalid legacy template name: ${bad.map((i) => i.message).join(' ')}`, {
      issues: bad.map(({ code, path, message }) => ({ code, path, message })),
    });
  }
  return joined;
}
