import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock.js';
import { flushOnShutdownSignals, type ShutdownSignalProcess } from './flush-on-shutdown-signals.js';

function fakeProcess() {
  const emitter = new EventEmitter();
  const kills: string[] = [];
  const host: ShutdownSignalProcess & { emit(signal: string): void } = {
    pid: 1234,
    on: (signal, listener) => emitter.on(signal, listener),
    off: (signal, listener) => emitter.off(signal, listener),
    listenerCount: (signal) => emitter.listenerCount(signal),
    kill: (pid, signal) => kills.push(`${pid}:${signal}`),
    emit: (signal) => emitter.emit(signal, signal),
  };
  return { host, kills, emitter };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('flushOnShutdownSignals', () => {
  it('shuts every target down once, then re-raises the signal when nobody else listens', async () => {
    const { host, kills } = fakeProcess();
    const calls: string[] = [];
    const targets = [
      { shutdown: async () => void calls.push('logger') },
      {
        shutdown: async () => {
          calls.push('store');
          throw new Error('store broke');
        },
      },
    ];
    const errors: string[] = [];
    flushOnShutdownSignals(targets, { process: host, onError: (error) => errors.push(error.message) });
    host.emit('SIGTERM');
    host.emit('SIGTERM');
    await settle();
    expect(calls.sort()).toEqual(['logger', 'store']);
    expect(errors).toHaveLength(1);
    expect(kills).toEqual(['1234:SIGTERM']);
    expect(host.listenerCount('SIGTERM') + host.listenerCount('SIGINT')).toBe(0);
  });

  it('gives up after the timeout', async () => {
    const { host, kills } = fakeProcess();
    const clock = createFakeClock();
    const errors: string[] = [];
    flushOnShutdownSignals([{ shutdown: () => new Promise<void>(() => undefined) }], {
      process: host,
      clock,
      timeoutMillis: 5000,
      onError: (error) => errors.push(error.message),
    });
    host.emit('SIGINT');
    await clock.advanceAsync(4999);
    expect(kills).toEqual([]);
    await clock.advanceAsync(1);
    expect(kills).toEqual(['1234:SIGINT']);
    expect(errors[0]).toMatch(/5000 ms/);
  });

  it('leaves exiting to the application when it listens too', async () => {
    const { host, kills, emitter } = fakeProcess();
    emitter.on('SIGTERM', () => undefined);
    let shutDown = false;
    flushOnShutdownSignals([{ shutdown: async () => void (shutDown = true) }], { process: host });
    host.emit('SIGTERM');
    await settle();
    expect(shutDown).toBe(true);
    expect(kills).toEqual([]);
  });

  it('unsubscribes idempotently', () => {
    const { host } = fakeProcess();
    const unsubscribe = flushOnShutdownSignals([], { process: host, signals: ['SIGTERM'] });
    expect(host.listenerCount('SIGTERM')).toBe(1);
    unsubscribe();
    unsubscribe();
    expect(host.listenerCount('SIGTERM')).toBe(0);
  });
});
