import { describe, expect, it } from 'vitest';
import { eventLines, eventsOf, outputOf, runScenarioText } from '../../testing/scenarioHarness';
import s21 from './s21-cascading-delete.yaml?raw';
import s22 from './s22-when-deleted.yaml?raw';
import s23 from './s23-when-scaled.yaml?raw';
import s26 from './s26-binding.yaml?raw';

describe('S21 cascading delete', () => {
  const result = runScenarioText(s21);

  it('marks all three pods for deletion at the same instant', () => {
    const marks = new Map<string, number>();
    for (const c of result.state.changes) {
      if (c.kind === 'Pod' && c.object.metadata.deletionTimestamp && !marks.has(c.object.metadata.name)) marks.set(c.object.metadata.name, c.at);
    }
    expect([...marks.keys()].sort()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(new Set(marks.values()).size).toBe(1);
    expect(outputOf(result, 'kubectl delete statefulset web')).toMatch(/^statefulset\.apps "web" deleted from default namespace/);
  });

  it('keeps the Service and the claims, and the re-created pods remount them', () => {
    expect(outputOf(result, 'kubectl get svc nginx')).toMatch(/nginx\s+ClusterIP\s+None/);
    const pvc = outputOf(result, 'kubectl get pvc').split('\n').slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    expect(pvc).toEqual(['www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound']);
    expect(outputOf(result, 'kubectl exec web-2 -- curl -s http://localhost/')).toBe('marker');
  });
});

describe('S22 whenDeleted: Delete', () => {
  const result = runScenarioText(s22);

  it('owns each claim by the StatefulSet', () => {
    const yaml = outputOf(result, 'kubectl get pvc datadir-ss-0 -o yaml');
    expect(yaml).toMatch(/ownerReferences:\n\s+- apiVersion: apps\/v1\n\s+blockOwnerDeletion: true\n\s+controller: true\n\s+kind: StatefulSet\n\s+name: ss/);
  });

  it('deletes the claims and their volumes with the StatefulSet', () => {
    expect(outputOf(result, 'kubectl get pvc', 1)).toBe('No resources found in default namespace.');
    expect(outputOf(result, 'kubectl get pv')).toBe('No resources found');
  });
});

describe('S23 whenScaled: Delete', () => {
  const result = runScenarioText(s23);

  it('leaves in-range claims unowned', () => {
    expect(outputOf(result, 'kubectl get pvc -o yaml')).not.toContain('ownerReferences');
  });

  it('deletes the claims of scaled-down pods and creates new empty ones on scale-up', () => {
    const afterDown = outputOf(result, 'kubectl get pvc', 0).split('\n').slice(1).map((l) => l.split(/\s+/)[0]);
    expect(afterDown).toEqual(['datadir-ss-0']);
    // Identical events aggregate (count 2), as the event correlator does.
    const creates = eventsOf(result, 'statefulset/ss')
      .filter((e) => e.message.includes('create Claim'))
      .map((e) => `${e.message} x${e.count}`);
    expect(creates).toEqual([
      'create Claim datadir-ss-0 Pod ss-0 in StatefulSet ss success x1',
      'create Claim datadir-ss-1 Pod ss-1 in StatefulSet ss success x2',
      'create Claim datadir-ss-2 Pod ss-2 in StatefulSet ss success x2',
    ]);
    const uidsOf = (name: string) => new Set(result.state.changes.filter((c) => c.kind === 'PersistentVolumeClaim' && c.object.metadata.name === name).map((c) => c.object.metadata.uid));
    expect(uidsOf('datadir-ss-1').size).toBe(2);
    expect(uidsOf('datadir-ss-0').size).toBe(1);
  });

  it('keeps the claim of a pod deleted by hand', () => {
    const names = outputOf(result, 'kubectl get pvc', 2).split('\n').slice(1).map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(['datadir-ss-0', 'datadir-ss-1', 'datadir-ss-2']);
  });
});

describe('S26 binding modes and static binding', () => {
  const result = runScenarioText(s26);

  it('keeps a WaitForFirstConsumer claim Pending until a pod uses it', () => {
    expect(outputOf(result, 'kubectl get pvc data', 0)).toMatch(/data\s+Pending\s+standard\s+<unset>/);
    expect(eventLines(result, 'persistentvolumeclaim/data')[0]).toBe('WaitForFirstConsumer waiting for first consumer to be created before binding');
    const claim = result.state.objects['PersistentVolumeClaim']?.['default/data'];
    expect(outputOf(result, 'kubectl get pvc data', 1)).toMatch(new RegExp(`data\\s+Bound\\s+pvc-${claim?.metadata.uid}\\s+1Gi\\s+RWO\\s+standard`));
    expect(outputOf(result, 'kubectl get pod consumer')).toMatch(/consumer\s+1\/1\s+Running/);
  });

  it('binds static claims smallest-fit first and leaves the third Pending', () => {
    const lines = outputOf(result, 'kubectl get pvc', 0).split('\n');
    expect(lines.find((l) => l.startsWith('www-st-0'))).toMatch(/Bound\s+pv-a\s+1Gi/);
    expect(lines.find((l) => l.startsWith('www-st-1'))).toMatch(/Bound\s+pv-b\s+5Gi/);
    expect(lines.find((l) => l.startsWith('www-st-2'))).toMatch(/Pending/);
    expect(eventLines(result, 'persistentvolumeclaim/www-st-2')).toContain('FailedBinding no persistent volumes available for this claim and no storage class is set');
    expect(eventLines(result, 'pod/st-2')).toContain(
      'FailedScheduling 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(outputOf(result, 'kubectl get sts st', 0)).toMatch(/st\s+2\/3/);
  });

  it('binds the waiting claim when a fitting volume appears', () => {
    expect(outputOf(result, 'kubectl get pvc www-st-2')).toMatch(/www-st-2\s+Bound\s+pv-c\s+2Gi/);
    expect(outputOf(result, 'kubectl get sts st', 1)).toMatch(/st\s+3\/3/);
  });
});
