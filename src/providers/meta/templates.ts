/**
 * Template management on the Cloud API (`/{wabaId}/message_templates`): typed statuses, categories and quality
 * scores, the parser for Graph template objects, and the local guard for Meta's edit limits. Pure; the client
 * does the I/O. Facts from
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management and
 * the `message_template_status_update` webhook reference.
 * @module
 */
import type { Issue } from '../../core/errors.js';

/** Template statuses Meta reports (`status` field and status-update webhook `event`). */
export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'ARCHIVED',
  'UNARCHIVED',
  'LIMIT_EXCEEDED',
  'LOCKED',
  'FLAGGED',
  'REINSTATED',
] as const;

/**
 * A template status; unknown future values are kept as strings.
 * @inline
 */
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number] | (string & {});

/**
 * Template categories.
 * @inline
 */
export type TemplateCategory = 'AUTHENTICATION' | 'MARKETING' | 'UTILITY' | (string & {});

/**
 * Template quality score (`quality_score.score`).
 * @inline
 */
export type TemplateQualityScore = 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';

/** A template as read from `GET /{wabaId}/message_templates` or `GET /{templateId}`. */
export interface MessageTemplate {
  id: string;
  name: string;
  language: string;
  status: TemplateStatus;
  category: TemplateCategory | undefined;
  /** The components as Meta returns them (`HEADER`, `BODY`, `FOOTER`, `BUTTONS`). */
  components: Record<string, unknown>[];
  /** `positional` (default) or `named`. */
  parameterFormat: 'positional' | 'named' | undefined;
  /** The quality score; `UNKNOWN` until Meta has enough feedback, `undefined` when the field was not requested. */
  qualityScore: TemplateQualityScore | undefined;
  /** Why Meta rejected it (`ABUSIVE_CONTENT`, `INVALID_FORMAT`, ...), when it did. */
  rejectedReason: string | undefined;
  /** The Graph object, as received. */
  raw: Record<string, unknown>;
}

/** The fields requested when listing or getting templates. */
export const TEMPLATE_FIELDS =
  'id,name,language,status,category,components,parameter_format,quality_score,rejected_reason';

/**
 * What `createTemplate` resolves with.
 * @inline
 */
export interface TemplateCreateResult {
  id: string;
  status: TemplateStatus;
  category: TemplateCategory | undefined;
  raw: unknown;
}

/**
 * Filters for listing templates (Graph query parameters).
 * @inline
 */
export interface TemplateListQuery {
  status?: TemplateStatus | undefined;
  category?: TemplateCategory | undefined;
  /** Name filter (Graph matches names containing it). */
  name?: string | undefined;
  language?: string | undefined;
  /** Page size. Default 100. */
  limit?: number | undefined;
}

/**
 * What an edit may change: components are replaced wholesale; name and language never change.
 * @inline
 */
export interface TemplateEdit {
  components?: Record<string, unknown>[] | undefined;
  category?: TemplateCategory | undefined;
  messageSendTtlSeconds?: number | undefined;
}

/**
 * Which templates to delete: every language of a name, or one template by id and name.
 * @inline
 */
export type TemplateDeleteTarget = { name: string } | { id: string; name: string };

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

function quality(v: unknown): TemplateQualityScore | undefined {
  const score = typeof v === 'object' && v !== null ? (v as { score?: unknown }).score : v;
  if (score === 'GREEN' || score === 'YELLOW' || score === 'RED' || score === 'UNKNOWN') return score;
  return score === undefined ? undefined : 'UNKNOWN';
}

/** Reads one Graph template object. Tolerant: missing fields become `undefined`/empty, never an exception. */
export function parseMessageTemplate(raw: unknown): MessageTemplate {
  const t = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const format = str(t.parameter_format)?.toLowerCase();
  const rejected = str(t.rejected_reason);
  return {
    id: str(t.id) ?? '',
    name: str(t.name) ?? '',
    language: str(t.language) ?? '',
    status: str(t.status) ?? 'UNKNOWN',
    category: str(t.category),
    components: Array.isArray(t.components)
      ? t.components.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
      : [],
    parameterFormat: format === 'named' || format === 'positional' ? format : undefined,
    qualityScore: quality(t.quality_score),
    rejectedReason: rejected === 'NONE' ? undefined : rejected,
    raw: t,
  };
}

/** One page of a template list: the templates and the cursor of the next page, if any. */
export function parseTemplatePage(body: unknown): {
  templates: MessageTemplate[];
  after: string | undefined;
} {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const data = Array.isArray(b.data) ? b.data : [];
  const paging = (typeof b.paging === 'object' && b.paging !== null ? b.paging : {}) as Record<
    string,
    unknown
  >;
  const cursors = (
    typeof paging.cursors === 'object' && paging.cursors !== null ? paging.cursors : {}
  ) as Record<string, unknown>;
  // Graph includes `paging.next` only when another page exists; the `after` cursor alone is not proof.
  const after = str(paging.next) ? str(cursors.after) : undefined;
  return { templates: data.map(parseMessageTemplate), after: data.length === 0 ? undefined : after };
}

/** Reads the `POST /{wabaId}/message_templates` response `{ id, status, category }`. */
export function parseTemplateCreateResponse(body: unknown): TemplateCreateResult {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return { id: str(b.id) ?? '', status: str(b.status) ?? 'PENDING', category: str(b.category), raw: body };
}

/** The `POST /{templateId}` edit body. */
export function templateEditBody(edit: TemplateEdit): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (edit.category !== undefined) body.category = edit.category;
  if (edit.components !== undefined) body.components = edit.components;
  if (edit.messageSendTtlSeconds !== undefined) body.message_send_ttl_seconds = edit.messageSendTtlSeconds;
  return body;
}

/** The query of `DELETE /{wabaId}/message_templates`. */
export function templateDeleteQuery(target: TemplateDeleteTarget): Record<string, string> {
  return 'id' in target ? { hsm_id: target.id, name: target.name } : { name: target.name };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Meta's edit budget for approved templates. */
export const TEMPLATE_EDIT_LIMITS = Object.freeze({
  /** At most this many edits of an approved template per 24 hours. */
  perDay: 1,
  /** At most this many edits of an approved template per 30 days. */
  perThirtyDays: 10,
});

/** Statuses in which Meta accepts an edit. */
const EDITABLE = new Set(['APPROVED', 'REJECTED', 'PAUSED']);
/** Statuses meaning "under review". */
const IN_REVIEW = new Set(['PENDING', 'IN_APPEAL']);

/**
 * Remembers this client's edits of approved templates and refuses, before any request, the edits Meta would
 * refuse: an approved template at most once per 24 h and 10 times per 30 days; nothing while the template is in
 * review; only APPROVED, REJECTED and PAUSED templates; no category change on an approved template. The history
 * is per client and in memory: edits made elsewhere (WhatsApp Manager, another process) are not seen, and Meta
 * stays the final judge.
 */
export class TemplateEditHistory {
  readonly #edits = new Map<string, number[]>();
  readonly #now: () => number;

  /** @param now - clock in epoch milliseconds (injectable for tests). */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Returns the reasons an edit of `template` would be refused now (empty when allowed). */
  check(template: Pick<MessageTemplate, 'id' | 'name' | 'status' | 'category'>, edit: TemplateEdit): Issue[] {
    const status = String(template.status);
    const label = `Template "${template.name}" (${template.id})`;
    if (IN_REVIEW.has(status)) {
      return [
        {
          code: 'template.edit_in_review',
          path: ['status'],
          message: `${label} is in review (${status}); it cannot be edited until Meta finishes the review.`,
        },
      ];
    }
    if (!EDITABLE.has(status)) {
      return [
        {
          code: 'template.edit_status',
          path: ['status'],
          message: `${label} is ${status}; only APPROVED, REJECTED or PAUSED templates can be edited.`,
        },
      ];
    }
    if (status !== 'APPROVED') return [];
    const issues: Issue[] = [];
    if (edit.category !== undefined && edit.category !== template.category) {
      issues.push({
        code: 'template.edit_category',
        path: ['category'],
        message: `${label} is approved; its category cannot be changed (create a new template instead).`,
      });
    }
    const now = this.#now();
    const edits = (this.#edits.get(template.id) ?? []).filter((t) => now - t < 30 * DAY);
    const lastDay = edits.filter((t) => now - t < DAY);
    if (lastDay.length >= TEMPLATE_EDIT_LIMITS.perDay) {
      const next = new Date(earliest(lastDay) + DAY).toISOString();
      issues.push({
        code: 'template.edit_daily_limit',
        path: [],
        message: `${label} was edited less than 24 hours ago; an approved template can be edited once per 24 hours. Next edit allowed at ${next}.`,
      });
    } else if (edits.length >= TEMPLATE_EDIT_LIMITS.perThirtyDays) {
      const next = new Date(earliest(edits) + 30 * DAY).toISOString();
      issues.push({
        code: 'template.edit_monthly_limit',
        path: [],
        message: `${label} was edited ${edits.length} times in 30 days; an approved template can be edited 10 times per 30 days. Next edit allowed at ${next}.`,
      });
    }
    return issues;
  }

  /** Records a successful edit of an approved template. */
  record(templateId: string): void {
    const now = this.#now();
    const edits = (this.#edits.get(templateId) ?? []).filter((t) => now - t < 30 * DAY);
    edits.push(now);
    this.#edits.set(templateId, edits);
  }
}

/** The smallest of `times`, by a loop: spreading a long list into Math.min overflows the stack. */
function earliest(times: readonly number[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const t of times) if (t < min) min = t;
  return min;
}
