import { describe, expect, it } from 'vitest';
import { createClusterState } from '../../engine/bootstrap';
import { recordEvent } from '../../engine/recorder';
import { createObject, getObject } from '../../engine/store';
import type { KObject } from '../../model/objects';
import { eventsFor, printEvents } from './events';

function setup() {
  const state = createClusterState();
  const sts = createObject(state, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' } });
  const pod = createObject(state, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' } });
  const node = getObject<KObject>(state, 'Node', undefined, 'node-2') as KObject;
  state.now = 1000;
  recordEvent(state, sts, 'Normal', 'SuccessfulCreate', 'create Pod web-0 in StatefulSet web successful', 'statefulset-controller');
  state.now = 2000;
  recordEvent(state, pod, 'Normal', 'Pulling', 'Pulling image "nginx"', 'kubelet', { host: 'node-1', fieldPath: 'spec.containers{nginx}' });
  state.now = 3000;
  recordEvent(state, node, 'Normal', 'NodeNotReady', 'Node node-2 status is now: NodeNotReady', 'node-controller');
  state.now = 70_000;
  // Seen again: aggregated, and now the most recent event.
  recordEvent(state, sts, 'Normal', 'SuccessfulCreate', 'create Pod web-0 in StatefulSet web successful', 'statefulset-controller');
  return { state, sts, pod, nowMs: state.epochMs + 75_000 };
}

describe('printEvents (R17.7)', () => {
  it('prints LAST SEEN TYPE REASON OBJECT MESSAGE sorted by last occurrence', () => {
    const { state, nowMs } = setup();
    expect(printEvents(state, state.events, { nowMs })).toBe(
      [
        'LAST SEEN   TYPE     REASON             OBJECT            MESSAGE',
        '73s         Normal   Pulling            pod/web-0         Pulling image "nginx"',
        '72s         Normal   NodeNotReady       node/node-2       Node node-2 status is now: NodeNotReady',
        '5s          Normal   SuccessfulCreate   statefulset/web   create Pod web-0 in StatefulSet web successful',
      ].join('\n'),
    );
  });

  it('adds SUBOBJECT, SOURCE with host, FIRST SEEN, COUNT and NAME with -o wide, NAMESPACE with -A', () => {
    const { state, nowMs } = setup();
    const lines = printEvents(state, state.events, { nowMs, wide: true, withNamespace: true })
      .split('\n')
      // Event names end in a hex timestamp; compare them by prefix.
      .map((l) => l.replace(/\.[0-9a-f]+$/, '.<hex>'));
    expect(lines).toEqual([
      'NAMESPACE   LAST SEEN   TYPE     REASON             OBJECT            SUBOBJECT                SOURCE                   MESSAGE                                          FIRST SEEN   COUNT   NAME',
      'default     73s         Normal   Pulling            pod/web-0         spec.containers{nginx}   kubelet, node-1          Pulling image "nginx"                            73s          1       web-0.<hex>',
      'default     72s         Normal   NodeNotReady       node/node-2                                node-controller          Node node-2 status is now: NodeNotReady          72s          1       node-2.<hex>',
      'default     5s          Normal   SuccessfulCreate   statefulset/web                            statefulset-controller   create Pod web-0 in StatefulSet web successful   74s          2       web.<hex>',
    ]);
  });

  it('prints nothing for no events', () => {
    expect(printEvents(createClusterState(), [], { nowMs: 0 })).toBe('');
  });
});

describe('eventsFor', () => {
  it('finds the events of one object by uid, oldest last-seen first', () => {
    const { state, sts, pod } = setup();
    expect(eventsFor(state, pod).map((e) => e.reason)).toEqual(['Pulling']);
    expect(eventsFor(state, sts).map((e) => e.count)).toEqual([2]);
  });
});
