/**
 * Gupshup template records as returned by `GET /wa/app/{appId}/template`, read tolerantly.
 *
 * Source: https://docs.gupshup.io/reference/get-all-templates-for-an-app and the partner template list
 * (https://docs.gupshup.io/reference/get_partner-app-appid-templates): per template `id` (Gupshup's id, the one
 * template sends use), `elementName`, `languageCode`, `status`, `category`, `templateType`, `externalId` (Meta's
 * id), `data` (the body text). Field presence varies between API generations, so every field but `id` is optional.
 * @module
 */
import { ApiError } from '../../core/errors.js';

/**
 * A Gupshup template.
 * @inline
 */
export interface GupshupTemplate {
  /** Gupshup's template id: the `name` to use in `sendTemplate`. */
  id: string;
  /** The template name as submitted to Meta. */
  elementName?: string | undefined;
  /** Language of this template, e.g. `en_US`. */
  languageCode?: string | undefined;
  /** `APPROVED`, `PENDING`, `REJECTED`, `FAILED`, `PAUSED`, `DISABLED`, `DELETED`, ... (upper-cased). */
  status?: string | undefined;
  /** `MARKETING`, `UTILITY` or `AUTHENTICATION`. */
  category?: string | undefined;
  /** `TEXT`, `IMAGE`, `VIDEO`, `DOCUMENT`, `LOCATION`, ... */
  templateType?: string | undefined;
  /** Meta's template id. */
  externalId?: string | undefined;
  /** The body text with `{{n}}` placeholders. */
  data?: string | undefined;
  /** The record as received. */
  raw: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Reads one template record; `undefined` when it has no id. */
export function parseGupshupTemplate(record: unknown): GupshupTemplate | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  const id = str(r.id) ?? (typeof r.id === 'number' ? String(r.id) : undefined);
  if (!id) return undefined;
  return {
    id,
    elementName: str(r.elementName),
    languageCode: str(r.languageCode),
    status: str(r.status)?.toUpperCase(),
    category: str(r.category),
    templateType: str(r.templateType),
    externalId: str(r.externalId),
    data: str(r.data),
    raw: r,
  };
}

/**
 * Reads a template list answer: `{"status":"success","templates":[...]}` (a bare array is accepted too).
 * Throws {@link ApiError} when the answer has no template list.
 */
export function parseGupshupTemplateList(body: unknown, status = 200): GupshupTemplate[] {
  const list = Array.isArray(body)
    ? body
    : Array.isArray((body as { templates?: unknown } | undefined)?.templates)
      ? (body as { templates: unknown[] }).templates
      : undefined;
  if (!list)
    throw new ApiError('Gupshup answered the template list without a `templates` array.', {
      provider: 'gupshup',
      status,
      body,
    });
  return list.flatMap((r) => {
    const t = parseGupshupTemplate(r);
    return t ? [t] : [];
  });
}
