// Configuration of what long-lived connections may do: log level, WebSocket limits, the
// subscription recheck interval — defaults, every variable read, bad values named.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../packages/server/src/config.js';
import { DEFAULT_WS_LIMITS } from '../../packages/server/src/ws-limits.js';
import { Admission } from '../../packages/server/src/ws-admission.js';
import { closeReason } from '../../packages/server/src/ws.js';

describe('live-connection configuration', () => {
  it('has documented defaults', () => {
    const c = loadConfig({});
    expect(c.logLevel).toBe('info');
    expect(c.subscriptionRecheckMs).toBe(60_000);
    expect(c.ws).toEqual(DEFAULT_WS_LIMITS);
    expect(DEFAULT_WS_LIMITS).toEqual({
      maxConnections: 10_000,
      maxConnectionsPerIp: 200,
      maxConnectionsPerCaller: 20,
      maxSubscriptionsPerConnection: 20,
      idleTimeoutMs: 300_000,
      initTimeoutMs: 3_000,
      maxLifetimeMs: 3_600_000,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      ZHIFA_LOG: 'warn',
      ZHIFA_WS_MAX_CONNECTIONS: '500',
      ZHIFA_WS_MAX_CONNECTIONS_PER_IP: '50',
      ZHIFA_WS_MAX_CONNECTIONS_PER_CALLER: '5',
      ZHIFA_WS_MAX_SUBSCRIPTIONS: '8',
      ZHIFA_WS_IDLE_TIMEOUT_SECONDS: '120',
      ZHIFA_WS_INIT_TIMEOUT_SECONDS: '10',
      ZHIFA_WS_MAX_LIFETIME_SECONDS: '7200',
      ZHIFA_SUBSCRIPTION_RECHECK_SECONDS: '0',
    });
    expect(c.logLevel).toBe('warn');
    expect(c.subscriptionRecheckMs).toBe(0);
    expect(c.ws).toEqual({
      maxConnections: 500,
      maxConnectionsPerIp: 50,
      maxConnectionsPerCaller: 5,
      maxSubscriptionsPerConnection: 8,
      idleTimeoutMs: 120_000,
      initTimeoutMs: 10_000,
      maxLifetimeMs: 7_200_000,
    });
  });

  it('names every bad value at once', () => {
    const err = (() => {
      try {
        loadConfig({
          ZHIFA_LOG: 'loud',
          ZHIFA_WS_MAX_CONNECTIONS: '0',
          ZHIFA_WS_MAX_LIFETIME_SECONDS: '5',
          ZHIFA_WS_INIT_TIMEOUT_SECONDS: 'soon',
        });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.issues.map((i) => i.variable).sort()).toEqual([
      'ZHIFA_LOG',
      'ZHIFA_WS_INIT_TIMEOUT_SECONDS',
      'ZHIFA_WS_MAX_CONNECTIONS',
      'ZHIFA_WS_MAX_LIFETIME_SECONDS',
    ]);
    expect(err.message).toContain('must be one of silent, error, warn, info, debug');
    expect(err.message).toContain('须为 10–604800 的整数');
  });
});

describe('WebSocket admission (pure bookkeeping)', () => {
  it('counts in all, per address and per caller, and frees places on release', () => {
    const a = new Admission({ maxConnections: 3, maxConnectionsPerIp: 2, maxConnectionsPerCaller: 1 });
    expect(a.admit('1.1.1.1')).toBeNull();
    expect(a.admit('1.1.1.1')).toBeNull();
    expect(a.admit('1.1.1.1')).toEqual({ scope: 'address', limit: 2 });
    expect(a.admit('2.2.2.2')).toBeNull();
    expect(a.admit('3.3.3.3')).toEqual({ scope: 'server', limit: 3 });
    expect(a.admitCaller('person:1')).toBeNull();
    expect(a.admitCaller('person:1')).toEqual({ scope: 'caller', limit: 1 });
    a.release('1.1.1.1', 'person:1');
    expect(a.open).toBe(2);
    expect(a.admitCaller('person:1')).toBeNull();
    expect(a.admit('1.1.1.1')).toBeNull();
  });

  it('close reasons fit the 123 bytes a WebSocket close frame allows', () => {
    expect(closeReason('IDLE_TIMEOUT', '连接空闲超时', 'idle timeout')).toBe(
      'IDLE_TIMEOUT 连接空闲超时 / idle timeout',
    );
    const long = closeReason(
      'TOO_MANY_CONNECTIONS',
      '很长的中文说明'.repeat(5),
      'a long English explanation of the limit',
    );
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123);
    expect(long).toBe('TOO_MANY_CONNECTIONS: a long English explanation of the limit');
  });
});
