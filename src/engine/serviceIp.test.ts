import { describe, expect, it } from 'vitest';
import { createClusterState } from './bootstrap';
import type { ClusterState } from './clusterState';
import { allocateClusterIP } from './serviceIp';
import { createObject } from './store';

function toNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

describe('allocateClusterIP', () => {
  it('draws distinct addresses from the dynamic band of 10.96.0.0/12, never the reserved ones', () => {
    const state = createClusterState({ seed: 3 });
    const ips = Array.from({ length: 300 }, () => allocateClusterIP(state));
    expect(new Set(ips).size).toBe(300);
    for (const ip of ips) {
      const n = toNumber(ip);
      expect(n).toBeGreaterThanOrEqual(toNumber('10.96.1.0'));
      expect(n).toBeLessThan(toNumber('10.111.255.255'));
    }
    expect(ips).not.toContain('10.96.0.1');
    expect(ips).not.toContain('10.96.0.10');
  });

  it('is deterministic for a seed', () => {
    const a = createClusterState({ seed: 11 });
    const b = createClusterState({ seed: 11 });
    expect([allocateClusterIP(a), allocateClusterIP(a)]).toEqual([allocateClusterIP(b), allocateClusterIP(b)]);
  });

  it('skips an address a Service already holds', () => {
    const state = createClusterState({ seed: 5 });
    const probe = JSON.parse(JSON.stringify(state)) as ClusterState;
    const next = allocateClusterIP(probe);
    createObject(state, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'taken', namespace: 'default' },
      spec: { clusterIP: next, clusterIPs: [next], ports: [{ port: 80 }] },
    });
    expect(allocateClusterIP(state)).not.toBe(next);
  });
});
