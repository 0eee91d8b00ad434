import { describe, expect, it } from 'vitest';
import { NAME_ALPHABET } from '../../engine/random';
import type { PodObject } from '../../model/pod';
import type { RunResult } from '../runScenario';
import { eventsOf, objects, outputOf, runScenarioText, tableRows } from '../../testing/scenarioHarness';
import s33 from './s33-deployment-node-failure.yaml?raw';

const SECOND = 1000;

function stepAt(result: RunResult, command: string): number {
  const step = result.steps.find((s) => s.command === command);
  if (!step) throw new Error(`no step ${command}`);
  return step.at;
}

/** `name → {ready, status, node}` of a `kubectl get pods -o wide` output. */
function wideRows(output: string): Map<string, { ready: string; status: string; node: string }> {
  const rows = new Map<string, { ready: string; status: string; node: string }>();
  for (const cells of tableRows(output).slice(1)) rows.set(cells[0] ?? '', { ready: cells[1] ?? '', status: cells[2] ?? '', node: cells[6] ?? '' });
  return rows;
}

/** The READY column of `kubectl get deploy web-deploy`. */
function deployReady(output: string): string | undefined {
  return tableRows(output)[1]?.[1];
}

describe('S33 Deployment contrast on node failure', () => {
  const result = runScenarioText(s33);
  const t0 = stepAt(result, 'sim node-down node-2');
  const up = stepAt(result, 'sim node-up node-2');
  const before = wideRows(outputOf(result, 'kubectl get pods -o wide', 0));
  const p = [...before].find(([, row]) => row.node === 'node-2')?.[0] ?? '';
  const hash = objects(result, 'ReplicaSet')[0]?.metadata.name.slice('web-deploy-'.length) ?? '';
  const addedAfterDown = result.state.changes.filter((c) => c.kind === 'Pod' && c.type === 'ADDED' && c.at > t0);
  const replacement = addedAfterDown[0]?.object as PodObject | undefined;
  const evictedAt = eventsOf(result, `pod/${p}`).find((e) => e.reason === 'TaintManagerEviction' && e.message === `Marking for deletion Pod default/${p}`)?.firstAt;

  it('starts with one Ready pod per node, 3/3', () => {
    expect([...before.values()].map((row) => row.node).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect([...before.values()].every((row) => row.ready === '1/1' && row.status === 'Running')).toBe(true);
    expect(deployReady(outputOf(result, 'kubectl get deploy web-deploy', 0))).toBe('3/3');
  });

  it('≈T0+50 s: P is 0/1 Running, the Deployment 2/3, and no new pod exists yet', () => {
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 1));
    expect(rows.get(p)).toEqual({ ready: '0/1', status: 'Running', node: 'node-2' });
    expect(rows.size).toBe(3);
    expect(deployReady(outputOf(result, 'kubectl get deploy web-deploy', 1))).toBe('2/3');
    // Still nothing new just before the 300 s toleration runs out.
    expect(wideRows(outputOf(result, 'kubectl get pods -o wide', 2)).size).toBe(3);
    expect(deployReady(outputOf(result, 'kubectl get deploy web-deploy', 2))).toBe('2/3');
  });

  it('≈T0+350 s: P turns Terminating and a new randomly named pod starts on node-1 or node-3 within seconds → 3/3', () => {
    expect(evictedAt).toBeDefined();
    expect(Math.abs((evictedAt as number) - t0 - 350 * SECOND)).toBeLessThanOrEqual(5 * SECOND);
    expect(addedAfterDown).toHaveLength(1);
    const name = replacement?.metadata.name ?? '';
    expect(name).toMatch(new RegExp(`^web-deploy-${hash}-[${NAME_ALPHABET}]{5}$`));
    expect(before.has(name)).toBe(false);
    expect((addedAfterDown[0]?.at ?? 0) - (evictedAt as number)).toBeLessThanOrEqual(SECOND);
    const readyAt = result.state.changes.find(
      (c) => c.kind === 'Pod' && c.object.metadata.name === name && (c.object as PodObject).status?.conditions?.some((k) => k.type === 'Ready' && k.status === 'True'),
    )?.at;
    expect((readyAt ?? Infinity) - (evictedAt as number)).toBeLessThanOrEqual(5 * SECOND);
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 3));
    expect(rows.get(p)).toEqual({ ready: '0/1', status: 'Terminating', node: 'node-2' });
    expect(rows.get(name)?.ready).toBe('1/1');
    expect(rows.get(name)?.status).toBe('Running');
    expect(['node-1', 'node-3']).toContain(rows.get(name)?.node);
    expect(deployReady(outputOf(result, 'kubectl get deploy web-deploy', 3))).toBe('3/3');
  });

  it('keeps P Terminating until node-2 returns, then it goes and the Deployment stays 3/3 with 3 pods', () => {
    expect(wideRows(outputOf(result, 'kubectl get pods -o wide', 4)).get(p)?.status).toBe('Terminating');
    const gone = result.state.changes.find((c) => c.kind === 'Pod' && c.type === 'DELETED' && c.object.metadata.name === p);
    expect(gone?.at).toBeGreaterThanOrEqual(up);
    const after = wideRows(outputOf(result, 'kubectl get pods -o wide', 5));
    expect(after.has(p)).toBe(false);
    expect(after.size).toBe(3);
    expect(deployReady(outputOf(result, 'kubectl get deploy web-deploy', 4))).toBe('3/3');
    expect(deployReady(outputOf(result, 'kubectl get deploy web-deploy', 5))).toBe('3/3');
  });
});
