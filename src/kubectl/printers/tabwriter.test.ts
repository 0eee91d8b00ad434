import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createClusterState } from '../../engine/bootstrap';
import { toTimestamp } from '../../model/duration';
import { setStatus, type KObject } from '../../model/objects';
import { tableHeader, tableRow } from './getTable';
import { alignTabbed, DESCRIBE_WRITER, formatTable, WatchTabWriter } from './tabwriter';

describe('formatTable', () => {
  it('pads every column but the last by 3 and never pads the last cell', () => {
    expect(formatTable([['NAME', 'READY', 'AGE'], ['web-0', '1/1', '5s']])).toBe('NAME    READY   AGE\nweb-0   1/1     5s');
  });

  it('gives every column at least 6 characters, like kubectl with --no-headers', () => {
    expect(formatTable([['web-0', '1/1', 'Running', '0', '5m']])).toBe('web-0   1/1   Running   0     5m');
  });

  it('pads an empty cell that is not last', () => {
    expect(formatTable([['NAME', 'VOLUME', 'AGE'], ['www-web-0', '', '1s']])).toBe('NAME        VOLUME   AGE\nwww-web-0            1s');
  });

  it('aligns rows that have more cells than the header only among themselves', () => {
    expect(formatTable([['A', 'B'], ['x', 'y', 'zzzzzzzzzz', 'w'], ['x', 'y', 'z', 'w']])).toBe(
      'A     B\nx     y     zzzzzzzzzz   w\nx     y     z            w',
    );
  });
});

describe('alignTabbed with the describe settings', () => {
  it('aligns a run of label lines and restarts after a line without tabs', () => {
    const text = 'Name:\tweb-0\nNamespace:\tdefault\nIPs:\n  IP:\t10.244.1.2\nControlled By:\tStatefulSet/web\n';
    expect(alignTabbed(text, DESCRIBE_WRITER)).toBe(
      'Name:       web-0\nNamespace:  default\nIPs:\n  IP:           10.244.1.2\nControlled By:  StatefulSet/web\n',
    );
  });

  it('keeps the trailing newline of the input and adds none', () => {
    expect(alignTabbed('a:\tb\n', DESCRIBE_WRITER)).toBe('a:  b\n');
    expect(alignTabbed('a:\tb', DESCRIBE_WRITER)).toBe('a:  b');
  });
});

// The pods of seed 002's `kubectl get pods -w -l app=nginx` transcript, one object per watch event.
const EPOCH = Date.parse('2025-01-01T00:00:00Z');

function pod(name: string, createdAt: number, stage: 'unbound' | 'bound' | 'creating' | 'running'): KObject {
  const p: Pod & KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: toTimestamp(EPOCH + createdAt), labels: { app: 'nginx' } },
    spec: { containers: [{ name: 'nginx', image: 'k8s.gcr.io/nginx-slim:0.8' }], ...(stage === 'unbound' ? {} : { nodeName: 'node-1' }) },
    status: { phase: stage === 'running' ? 'Running' : 'Pending' },
  };
  if (stage === 'creating') {
    setStatus(p, { phase: 'Pending', containerStatuses: [{ name: 'nginx', image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] });
  }
  if (stage === 'running') {
    setStatus(p, {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'nginx', image: 'x', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: toTimestamp(EPOCH + createdAt) } } }],
    });
  }
  return p;
}

describe('WatchTabWriter', () => {
  const state = createClusterState();
  // (object, simulated ms at which the watch event is printed)
  const events: [KObject, number][] = [
    [pod('web-0', 0, 'unbound'), 0],
    [pod('web-0', 0, 'bound'), 100],
    [pod('web-0', 0, 'creating'), 200],
    [pod('web-0', 0, 'running'), 2500],
    [pod('web-1', 2600, 'unbound'), 2600],
    [pod('web-1', 2600, 'bound'), 2700],
    [pod('web-1', 2600, 'creating'), 2800],
    [pod('web-1', 2600, 'running'), 5700],
  ];

  it('reproduces seed 002 byte for byte: widths grow with ContainerCreating and never shrink', () => {
    const writer = new WatchTabWriter();
    const lines: string[] = [];
    events.forEach(([obj, at], i) => {
      const row = tableRow(state, obj, { nowMs: EPOCH + at });
      lines.push(writer.format(i === 0 ? [tableHeader('Pod', { nowMs: 0 }), row] : [row]));
    });
    expect(lines.join('\n')).toBe(
      [
        'NAME    READY   STATUS    RESTARTS   AGE',
        'web-0   0/1     Pending   0          0s',
        'web-0   0/1     Pending   0          0s',
        'web-0   0/1     ContainerCreating   0          0s',
        'web-0   1/1     Running             0          2s',
        'web-1   0/1     Pending             0          0s',
        'web-1   0/1     Pending             0          0s',
        'web-1   0/1     ContainerCreating   0          0s',
        'web-1   1/1     Running             0          3s',
      ].join('\n'),
    );
  });

  it('keeps the header widths of an earlier flush (the second transcript of seed 002)', () => {
    const writer = new WatchTabWriter();
    writer.format([tableHeader('Pod', { nowMs: 0 })]);
    const shown = [
      [pod('web-0', 0, 'creating'), 0],
      [pod('web-0', 0, 'running'), 2000],
      [pod('web-1', 2100, 'unbound'), 2100],
      [pod('web-1', 2100, 'bound'), 2200],
      [pod('web-1', 2100, 'creating'), 2300],
      [pod('web-1', 2100, 'running'), 3100],
    ] as const;
    const lines = shown.map(([obj, at]) => writer.format([tableRow(state, obj, { nowMs: EPOCH + at })]));
    expect(lines).toEqual([
      'web-0   0/1     ContainerCreating   0          0s',
      'web-0   1/1     Running             0          2s',
      'web-1   0/1     Pending             0          0s',
      'web-1   0/1     Pending             0          0s',
      'web-1   0/1     ContainerCreating   0          0s',
      'web-1   1/1     Running             0          1s',
    ]);
  });

  it('remembers only tab-terminated columns: the last cell of a flush sets no width', () => {
    const writer = new WatchTabWriter();
    writer.format([['NAME', 'STATUS'], ['a', 'ContainerCreating']]);
    expect(writer.format([['a', 'Running']])).toBe('a      Running');
    expect(new WatchTabWriter().format([['a', 'Running']])).toBe('a     Running');
    expect(writer.format([['a', 'Running', 'x']])).toBe('a      Running   x');
  });
});
