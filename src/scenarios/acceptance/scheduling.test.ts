import { describe, expect, it } from 'vitest';
import { eventLines, outputOf, runScenarioText } from '../../testing/scenarioHarness';
import s28 from './s28-insufficient-cpu.yaml?raw';
import s30 from './s30-drain-local.yaml?raw';

describe('S28 insufficient CPU blocks later ordinals', () => {
  const result = runScenarioText(s28);

  it('places one pod per node, then leaves web-3 Pending with the scheduler message', () => {
    const nodes = outputOf(result, 'kubectl get pods -o wide').split('\n').slice(1).map((l) => l.split(/\s+/)[6]);
    expect(nodes).toEqual(['node-1', 'node-2', 'node-3']);
    expect(eventLines(result, 'pod/web-3')).toContain(
      'FailedScheduling 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
    expect(outputOf(result, 'kubectl get sts web', 0)).toMatch(/web\s+3\/5/);
    expect(outputOf(result, 'kubectl get pvc www-web-3', 0)).toMatch(/www-web-3\s+Pending/);
    expect(eventLines(result, 'persistentvolumeclaim/www-web-3')).toContain('WaitForPodScheduled waiting for pod web-3 to be scheduled');
  });

  it('never creates web-4, and removes the Pending web-3 on scale-down while keeping its claim', () => {
    expect(result.state.changes.some((c) => c.kind === 'Pod' && c.object.metadata.name === 'web-4')).toBe(false);
    expect(outputOf(result, 'kubectl get sts web', 1)).toMatch(/web\s+3\/3/);
    expect(outputOf(result, 'kubectl get pods', 1).split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['web-0', 'web-1', 'web-2']);
    expect(outputOf(result, 'kubectl get pvc www-web-3', 1)).toMatch(/www-web-3\s+Pending/);
  });
});

describe('S30 draining a node that holds a local volume', () => {
  const result = runScenarioText(s30);

  it('drains with the real output lines', () => {
    expect(outputOf(result, 'kubectl drain node-2')).toBe(
      ['node/node-2 cordoned', 'evicting pod default/web-1', 'pod/web-1 evicted', 'node/node-2 drained'].join('\n'),
    );
  });

  it('keeps the new web-1 Pending with the volume node affinity message, and blocks web-3', () => {
    expect(eventLines(result, 'pod/web-1')).toContain(
      'FailedScheduling 0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(outputOf(result, 'kubectl get sts web')).toMatch(/web\s+2\/4/);
    const during = outputOf(result, 'kubectl get pods', 1);
    expect(during).not.toMatch(/web-3/);
  });

  it('runs web-1 on node-2 with its data after uncordon, then creates web-3', () => {
    const wide = outputOf(result, 'kubectl get pods -o wide', 1).split('\n');
    expect(wide.find((l) => l.startsWith('web-1'))).toMatch(/Running\s+0\s+\S+\s+10\.244\.2\.\d+\s+node-2/);
    expect(wide.find((l) => l.startsWith('web-3'))).toMatch(/Running/);
    expect(outputOf(result, 'kubectl exec web-1 -- curl -s http://localhost/')).toBe('local-data');
  });
});
