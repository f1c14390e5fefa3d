import { describe, expect, it, vi } from 'vitest';
import { TypedEmitter, type WhatsAppEventMap } from '../../src/core/events.js';

const payload = { provider: 'meta' as const, timestamp: new Date(0), method: 'GET', url: 'u', attempt: 1 };

describe('TypedEmitter', () => {
  it('delivers typed payloads, once only once, and off removes', () => {
    const ee = new TypedEmitter<WhatsAppEventMap>({ provider: 'meta' });
    const on = vi.fn();
    const once = vi.fn();
    ee.on('request', on).once('request', once);
    ee.emit('request', payload);
    ee.emit('request', payload);
    expect(on).toHaveBeenCalledTimes(2);
    expect(on).toHaveBeenCalledWith(payload);
    expect(once).toHaveBeenCalledTimes(1);
    ee.off('request', on);
    ee.emit('request', payload);
    expect(on).toHaveBeenCalledTimes(2);
    expect(ee.listenerCount('request')).toBe(0);
  });

  it('off before a once fires removes it', () => {
    const ee = new TypedEmitter<WhatsAppEventMap>();
    const once = vi.fn();
    ee.once('request', once);
    ee.off('request', once);
    ee.emit('request', payload);
    expect(once).not.toHaveBeenCalled();
  });

  it('off without a listener removes all listeners of the event', () => {
    const ee = new TypedEmitter<WhatsAppEventMap>();
    ee.on('request', () => {}).on('request', () => {});
    ee.off('request');
    expect(ee.listenerCount('request')).toBe(0);
  });

  it('a throwing listener is re-emitted as error and the other listeners still run', () => {
    const ee = new TypedEmitter<WhatsAppEventMap>({ provider: 'nexmo' });
    const boom = new Error('listener bug');
    const after = vi.fn();
    const errors: WhatsAppEventMap['error'][] = [];
    ee.on('error', (e) => errors.push(e));
    ee.on('request', () => {
      throw boom;
    });
    ee.on('request', after);
    expect(() => ee.emit('request', payload)).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ provider: 'nexmo', error: boom, event: 'request' });
  });

  it('a rejecting async listener is re-emitted as error', async () => {
    const ee = new TypedEmitter<WhatsAppEventMap>();
    const errors: unknown[] = [];
    ee.on('error', (e) => errors.push(e.error));
    ee.on('request', async () => {
      throw new Error('async bug');
    });
    ee.emit('request', payload);
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toEqual([new Error('async bug')]);
  });

  it('without an error listener, a throwing listener goes to the logger (never swallowed)', () => {
    const logger = { error: vi.fn() };
    const ee = new TypedEmitter<WhatsAppEventMap>({ logger });
    ee.on('request', () => {
      throw new Error('x');
    });
    ee.emit('request', payload);
    expect(logger.error).toHaveBeenCalledWith('waba-kit: a listener for "request" threw', {
      error: new Error('x'),
    });
  });

  it('without a logger either, it goes to console.error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const ee = new TypedEmitter<WhatsAppEventMap>();
    ee.on('error', () => {
      throw new Error('error listener bug');
    });
    ee.emit('error', { provider: undefined, timestamp: new Date(), error: 'e' });
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });
});
