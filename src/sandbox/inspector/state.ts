/**
 * What the inspector page shows, as one JSON document (`GET /_inspector/api/state`): providers, one
 * conversation per provider and customer (outbound messages as rendered on the phone, inbound messages, the
 * 24 h window), webhook attempts, the template store, tier usage and faults. Caps keep it small under load:
 * the last {@link CONVERSATION_CAP} items of each conversation, the last {@link DELIVERY_CAP} webhook attempts.
 * @module
 */
import type { SandboxContext } from '../context.js';
import type { SandboxInboundMessage } from '../events.js';
import type { FaultInjector } from '../faults.js';
import type { ProviderRegistry } from '../provider.js';
import type { SandboxTemplate } from '../templates.js';
import type { SandboxMessage, SandboxProvider, WebhookDelivery } from '../types.js';
import { type MessageView, templateView } from '../view.js';

/** Items kept per conversation in the state document. */
export const CONVERSATION_CAP = 200;
/** Webhook attempts kept in the state document. */
export const DELIVERY_CAP = 500;

/** One bubble of a conversation. */
export type ConversationItem =
  | {
      direction: 'out';
      id: string;
      at: number;
      type: string;
      category: SandboxMessage['category'];
      status: SandboxMessage['status'];
      history: SandboxMessage['history'];
      error?: SandboxMessage['error'];
      view: MessageView;
    }
  | {
      direction: 'in';
      id: string;
      at: number;
      content: SandboxInboundMessage['content'];
      profileName: string;
    };

/** A provider's number talking with one customer. */
export interface Conversation {
  provider: SandboxProvider;
  customer: string;
  window: { open: boolean; closesAt?: number | undefined };
  items: ConversationItem[];
}

/** The whole state document. */
export interface InspectorState {
  /** The last event's sequence number (the page asks again when a newer event arrives). */
  seq: number;
  now: number;
  providers: {
    id: SandboxProvider;
    name: string;
    business: string;
    webhooks: { message?: string | undefined; status?: string | undefined };
    /** Names of the client config keys a receiver verifies signatures with (never their values). */
    signedWith: string[];
    tier: { reached: number; limit: number | 'unlimited' };
  }[];
  conversations: Conversation[];
  deliveries: WebhookDelivery[];
  templates: (Pick<
    SandboxTemplate,
    'id' | 'gupshupId' | 'name' | 'language' | 'category' | 'status' | 'reason' | 'owner'
  > & { view: MessageView })[];
  faults: {
    rate: number;
    kinds: Record<string, number>;
    counts: Record<string, number>;
  };
}

/** Builds the state document. */
export function inspectorState(
  ctx: SandboxContext,
  providers: ProviderRegistry,
  faults: FaultInjector,
  deliveries: readonly WebhookDelivery[],
): InspectorState {
  const targets = ctx.options.webhooks ?? {};
  const ids = Object.keys(providers) as SandboxProvider[];
  const conversations = new Map<string, Conversation>();
  const conversation = (provider: SandboxProvider, customer: string): Conversation => {
    const key = `${provider}>${customer}`;
    let c = conversations.get(key);
    if (!c) {
      const business = providers[provider].businessNumber(ctx.credentials);
      const closesAt = ctx.rules.windowClosesAt(business, customer);
      c = {
        provider,
        customer,
        window: { open: ctx.rules.windowOpen(business, customer), closesAt },
        items: [],
      };
      conversations.set(key, c);
    }
    return c;
  };
  const items: { provider: SandboxProvider; customer: string; order: number; item: ConversationItem }[] = [];
  for (const m of ctx.messages)
    items.push({
      order: ctx.orderOf(m),
      provider: m.provider,
      customer: m.to,
      item: {
        direction: 'out',
        id: m.id,
        at: m.acceptedAt,
        type: m.type,
        category: m.category,
        status: m.status,
        history: m.history,
        error: m.error,
        view: providers[m.provider].view(m, ctx.templates),
      },
    });
  for (const i of ctx.inbound)
    items.push({
      order: ctx.orderOf(i),
      provider: i.provider,
      customer: i.from,
      item: { direction: 'in', id: i.id, at: i.receivedAt, content: i.content, profileName: i.profileName },
    });
  items.sort((a, b) => a.order - b.order);
  for (const { provider, customer, item } of items) conversation(provider, customer).items.push(item);
  for (const c of conversations.values()) c.items = c.items.slice(-CONVERSATION_CAP);
  const options = faults.options;
  const tierLimit = ctx.rules.tierLimit;
  return {
    seq: ctx.events.events.at(-1)?.seq ?? 0,
    now: ctx.clock.now(),
    providers: ids.map((id) => {
      const p = providers[id];
      return {
        id,
        name: p.name,
        business: p.businessNumber(ctx.credentials),
        webhooks: { message: p.webhookUrl(targets, 'message'), status: p.webhookUrl(targets, 'status') },
        signedWith: Object.keys(p.signingSecrets(ctx.credentials)),
        tier: {
          reached: ctx.rules.reachedCount(p.businessNumber(ctx.credentials)),
          limit: Number.isFinite(tierLimit) ? tierLimit : 'unlimited',
        },
      };
    }),
    conversations: [...conversations.values()],
    deliveries: deliveries.slice(-DELIVERY_CAP),
    templates: ctx.templates.list().map((t) => ({
      id: t.id,
      gupshupId: t.gupshupId,
      name: t.name,
      language: t.language,
      category: t.category,
      status: t.status,
      reason: t.reason,
      owner: t.owner,
      view: templateView(t.name, t, { body: [] }),
    })),
    faults: {
      rate: options?.rate ?? 0,
      kinds: Object.fromEntries(Object.entries(options?.kinds ?? {}).map(([k, v]) => [k, v ?? 0])),
      counts: { ...faults.counts },
    },
  };
}
