/**
 * Handling send failures: fall back to a template when the 24 h window is closed, reschedule on rate limits,
 * and reconcile ambiguous failures by clientRef. Works with any provider's client.
 */
import {
  isQuotaExceededError,
  isRateLimitError,
  isTimeoutError,
  isWindowClosedError,
  type SendResult,
  type WhatsAppClient,
} from 'waba-kit';

export async function notifyShipped(
  client: WhatsAppClient,
  to: string,
  orderId: string,
): Promise<SendResult | 'later'> {
  const clientRef = `shipped-${orderId}`;
  try {
    return await client.send({ type: 'text', to, text: `Order ${orderId} has shipped.`, clientRef });
  } catch (err) {
    if (isWindowClosedError(err)) {
      // Outside the customer-service window only an approved template may be sent.
      return client.sendTemplate(to, { name: 'order_shipped', language: 'en', body: [orderId] });
    }
    if (isRateLimitError(err) || isQuotaExceededError(err)) return 'later';
    if (isTimeoutError(err)) {
      // The message may have gone out: wait for a status webhook carrying this clientRef before resending.
      console.warn(`send of ${clientRef} is ambiguous; reconcile from status webhooks`);
      return 'later';
    }
    throw err;
  }
}
