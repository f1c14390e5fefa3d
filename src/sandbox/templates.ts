/**
 * The sandbox's template store: Meta's template lifecycle (PENDING -> APPROVED / REJECTED after review by the
 * same validator the SDK ships, edits limited to APPROVED / REJECTED / PAUSED templates, at most 1 edit per 24 h
 * and 10 per 30 days for approved ones, 100 creations per hour, a deleted approved name blocked for 30 days),
 * shared by every emulated provider: Meta and CleverTap send by name + language, Vonage by name + locale,
 * Gupshup by its own template id.
 *
 * Source: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview and
 * .../templates/template-management.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { validateTemplate } from '../templates/index.js';
import { variablesOf } from '../templates/placeholders.js';
import type { TemplateDefinition } from '../templates/types.js';
import type { SandboxClock } from './clock.js';
import { DAY_MS } from './rules.js';

/** Template states the sandbox uses (Meta's names). */
export type SandboxTemplateStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'PAUSED' | 'DISABLED';

/** One template in the store. */
export interface SandboxTemplate {
  /** The Cloud API account that owns it (gets its template-status webhooks). */
  owner: 'meta' | 'clevertap';
  /** Meta's numeric template id (`hsm_id`). */
  id: string;
  /** Gupshup's template UUID (what Gupshup's template send takes). */
  gupshupId: string;
  name: string;
  language: string;
  category: string;
  parameterFormat: 'positional' | 'named';
  components: TemplateDefinition['components'];
  status: SandboxTemplateStatus;
  /** Rejection reason (`INVALID_FORMAT`) or `NONE`. */
  reason: string;
  /** Validator messages behind a rejection. */
  rejectionDetails: string[];
  /** Sandbox-clock times of edits made while APPROVED. */
  approvedEdits: number[];
  createdAt: number;
}

/** Why a template operation was refused (turned into each provider's error form by the caller). */
export class TemplateOperationError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly graphCode: number,
  ) {
    super(message);
    this.name = 'TemplateOperationError';
  }
}

type Loose = Record<string, unknown>;
const looseList = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.filter((v): v is Loose => typeof v === 'object' && v !== null) : [];
const kind = (value: Loose): string => String(value.type).toUpperCase();
const textOf = (value: Loose): string | undefined =>
  typeof value.text === 'string' ? value.text : undefined;
/** Buttons that take a send-time value: URL buttons with a variable, COPY_CODE and OTP buttons. */
const dynamicButtons = (list: unknown): number =>
  looseList(list).filter(
    (b) =>
      (kind(b) === 'URL' && variablesOf(String(b.url ?? '')).length > 0) ||
      ['COPY_CODE', 'OTP'].includes(kind(b)),
  ).length;

/**
 * The send-time values `template` takes: variables in the header and body text (an AUTHENTICATION template's
 * body, whose text Meta writes, has one: the code), dynamic button parameters (URL buttons with a variable,
 * COPY_CODE and OTP buttons), the variables and URL suffixes of its carousel cards, its number of cards, and
 * its catalog / multi-product buttons (whose thumbnail Gupshup takes as a parameter).
 */
export function templateVariableCounts(
  template: Pick<SandboxTemplate, 'components'> & { category?: string },
): {
  header: number;
  body: number;
  buttons: number;
  cards: number;
  cardValues: number;
  products: number;
} {
  const counts = { header: 0, body: 0, buttons: 0, cards: 0, cardValues: 0, products: 0 };
  for (const c of looseList(template.components)) {
    const type = kind(c);
    const text = textOf(c);
    if (type === 'HEADER' && String(c.format).toUpperCase() === 'TEXT' && text !== undefined)
      counts.header = variablesOf(text).length;
    if (type === 'BODY')
      counts.body =
        text !== undefined
          ? variablesOf(text).length
          : String(template.category).toUpperCase() === 'AUTHENTICATION'
            ? 1
            : 0;
    if (type === 'BUTTONS') {
      counts.buttons = dynamicButtons(c.buttons);
      counts.products = looseList(c.buttons).filter((b) => ['CATALOG', 'MPM'].includes(kind(b))).length;
    }
    if (type === 'CAROUSEL') {
      const cards = looseList(c.cards);
      counts.cards = cards.length;
      for (const cc of cards.flatMap((card) => looseList(card.components))) {
        const cardText = textOf(cc);
        if (kind(cc) === 'BODY' && cardText !== undefined) counts.cardValues += variablesOf(cardText).length;
        if (kind(cc) === 'BUTTONS') counts.cardValues += dynamicButtons(cc.buttons);
      }
    }
  }
  return counts;
}

/** Templates store; see the module docs. */
export class TemplateStore {
  readonly #clock: SandboxClock;
  readonly #byId = new Map<string, SandboxTemplate>();
  readonly #deletedNames = new Map<string, number>();
  readonly #creations: number[] = [];
  #nextId = 1_000_000_000_000_001;
  /** Called when a template changes status (the server posts the template-status webhook). */
  onStatus: (template: SandboxTemplate) => void = () => {};

  constructor(clock: SandboxClock) {
    this.#clock = clock;
  }

  /** Every template, oldest first. */
  list(): SandboxTemplate[] {
    return [...this.#byId.values()];
  }

  /** A template by Meta id or Gupshup id. */
  get(id: string): SandboxTemplate | undefined {
    return this.#byId.get(id) ?? this.list().find((t) => t.gupshupId === id);
  }

  /** A template by name and language (language `undefined`: any language of the name). */
  find(name: string, language?: string): SandboxTemplate | undefined {
    const bare = name.includes(':') ? name.slice(name.lastIndexOf(':') + 1) : name;
    const norm = (l: string) => l.replace('-', '_').toLowerCase();
    return this.list().find(
      (t) =>
        t.name === bare &&
        (language === undefined ||
          norm(t.language) === norm(language) ||
          norm(t.language).split('_')[0] === norm(language)),
    );
  }

  /**
   * Creates a template as `POST /{WABA_ID}/message_templates` does: it starts PENDING and is reviewed by
   * `review()`. Throws {@link TemplateOperationError} for a duplicate name + language, a name deleted less than
   * 30 days ago, or more than 100 creations in an hour.
   */
  create(definition: TemplateDefinition, owner: 'meta' | 'clevertap' = 'meta'): SandboxTemplate {
    const now = this.#clock.now();
    if (typeof definition.name !== 'string' || typeof definition.language !== 'string')
      throw new TemplateOperationError('(#100) The parameters name and language are required.', 400, 100);
    while (this.#creations.length > 0 && (this.#creations[0] as number) <= now - 3_600_000)
      this.#creations.shift();
    if (this.#creations.length >= 100)
      throw new TemplateOperationError(
        '(#4) Message template creation limit reached: at most 100 templates per WhatsApp Business Account per hour.',
        400,
        4,
      );
    if (this.list().some((t) => t.name === definition.name && t.language === definition.language))
      throw new TemplateOperationError(
        `(#100) Content in this language already exists: a template named ${definition.name} in ${definition.language} exists.`,
        400,
        100,
      );
    const deletedAt = this.#deletedNames.get(definition.name);
    if (deletedAt !== undefined && now - deletedAt < 30 * DAY_MS)
      throw new TemplateOperationError(
        `(#100) The name ${definition.name} belonged to an approved template deleted less than 30 days ago and cannot be reused yet.`,
        400,
        100,
      );
    this.#creations.push(now);
    const template: SandboxTemplate = {
      owner,
      id: String(this.#nextId++),
      gupshupId: randomUUID(),
      name: definition.name,
      language: definition.language,
      category: String(definition.category ?? 'UTILITY').toUpperCase(),
      parameterFormat:
        String(definition.parameter_format ?? 'positional').toLowerCase() === 'named'
          ? 'named'
          : 'positional',
      components: Array.isArray(definition.components) ? definition.components : [],
      status: 'PENDING',
      reason: 'NONE',
      rejectionDetails: [],
      approvedEdits: [],
      createdAt: now,
    };
    this.#byId.set(template.id, template);
    return template;
  }

  /** Adds an already-approved template (seeding a test or demo). */
  add(
    definition: TemplateDefinition,
    status: SandboxTemplateStatus = 'APPROVED',
    owner: 'meta' | 'clevertap' = 'meta',
  ): SandboxTemplate {
    const template = this.create(definition, owner);
    template.status = status;
    return template;
  }

  /**
   * Reviews a PENDING template with `validateTemplate(definition, { profile: 'meta' })`: APPROVED when valid,
   * otherwise REJECTED with reason `INVALID_FORMAT` and the validator's messages.
   */
  review(id: string): SandboxTemplate | undefined {
    const template = this.#byId.get(id);
    if (template?.status !== 'PENDING') return template;
    const result = validateTemplate(this.definition(template), { profile: 'meta' });
    const errors = result.issues.filter((i) => i.severity === 'error');
    if (errors.length === 0) {
      template.status = 'APPROVED';
      template.reason = 'NONE';
      template.rejectionDetails = [];
    } else {
      template.status = 'REJECTED';
      template.reason = 'INVALID_FORMAT';
      template.rejectionDetails = errors.map((i) => `${i.code}: ${i.message}`);
    }
    this.onStatus(template);
    return template;
  }

  /**
   * Edits a template as `POST /{TEMPLATE_ID}` does: only APPROVED, REJECTED or PAUSED templates; an approved one
   * at most once per 24 h and 10 times per 30 days, and its category cannot change. The template goes back to
   * PENDING for review.
   */
  edit(id: string, changes: { category?: unknown; components?: unknown }): SandboxTemplate {
    const template = this.#byId.get(id);
    if (!template)
      throw new TemplateOperationError(
        `(#100) Unsupported post request. Object with ID '${id}' does not exist.`,
        400,
        100,
      );
    if (!['APPROVED', 'REJECTED', 'PAUSED'].includes(template.status))
      throw new TemplateOperationError(
        `(#100) A template in status ${template.status} cannot be edited; only APPROVED, REJECTED or PAUSED templates can.`,
        400,
        100,
      );
    const now = this.#clock.now();
    if (template.status === 'APPROVED') {
      if (changes.category !== undefined && String(changes.category).toUpperCase() !== template.category)
        throw new TemplateOperationError(
          '(#100) The category of an approved template cannot be changed.',
          400,
          100,
        );
      const recent = template.approvedEdits.filter((t) => t > now - 30 * DAY_MS);
      if (recent.some((t) => t > now - DAY_MS))
        throw new TemplateOperationError(
          '(#100) An approved template can be edited at most once per 24 hours.',
          400,
          100,
        );
      if (recent.length >= 10)
        throw new TemplateOperationError(
          '(#100) An approved template can be edited at most 10 times per 30 days.',
          400,
          100,
        );
      template.approvedEdits.push(now);
    }
    if (Array.isArray(changes.components))
      template.components = changes.components as TemplateDefinition['components'];
    if (changes.category !== undefined) template.category = String(changes.category).toUpperCase();
    template.status = 'PENDING';
    return template;
  }

  /** Deletes by name (all languages) or by id + name. Disabled templates cannot be deleted. */
  delete(name: string, id?: string): SandboxTemplate[] {
    const victims = this.list().filter((t) => t.name === name && (id === undefined || t.id === id));
    if (victims.length === 0)
      throw new TemplateOperationError(`(#100) No message template named ${name} was found.`, 400, 100);
    if (victims.some((t) => t.status === 'DISABLED'))
      throw new TemplateOperationError('(#100) A disabled template cannot be deleted.', 400, 100);
    for (const t of victims) {
      this.#byId.delete(t.id);
      if (t.status === 'APPROVED') this.#deletedNames.set(t.name, this.#clock.now());
    }
    return victims;
  }

  /** Sets a template's status (e.g. `PAUSED` to test 132015), posting the template-status webhook. */
  setStatus(id: string, status: SandboxTemplateStatus, reason = 'NONE'): SandboxTemplate {
    const template = this.get(id);
    if (!template) throw new RangeError(`No template with id ${id}`);
    template.status = status;
    template.reason = reason;
    this.onStatus(template);
    return template;
  }

  /** The template as Meta's JSON definition. */
  definition(template: SandboxTemplate): TemplateDefinition {
    return {
      name: template.name,
      language: template.language,
      category: template.category as TemplateDefinition['category'],
      parameter_format: template.parameterFormat,
      components: template.components,
    };
  }

  /** The template as the Graph API returns it. */
  toGraph(template: SandboxTemplate): Record<string, unknown> {
    return {
      id: template.id,
      name: template.name,
      language: template.language,
      status: template.status,
      category: template.category,
      parameter_format: template.parameterFormat.toUpperCase(),
      components: template.components,
      quality_score: { score: 'UNKNOWN' },
      ...(template.status === 'REJECTED' ? { rejected_reason: template.reason } : {}),
    };
  }
}
