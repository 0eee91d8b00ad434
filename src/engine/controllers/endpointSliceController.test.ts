import { describe, expect, it } from 'vitest';
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KObject } from '../../model/objects';
import { addPod, addService, markDeleting, newCluster, podNamed, setReady, webCluster } from '../../shell/testPods';
import type { ClusterState } from '../clusterState';
import { getObject, listObjects, removeObject, updateObject } from '../store';
import { endpointSliceController } from './endpointSliceController';

type Slice = EndpointSlice & KObject;
type Eps = Endpoints & KObject;

function slicesOf(state: ClusterState, svc: string, ns = 'default'): Slice[] {
  return listObjects<Slice>(state, 'EndpointSlice', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc);
}

function onlySlice(state: ClusterState, svc: string): Slice {
  const slices = slicesOf(state, svc);
  expect(slices).toHaveLength(1);
  return slices[0] as Slice;
}

describe('endpointSliceController', () => {
  it('publishes one EndpointSlice per Service, shaped like the upstream controller', () => {
    const state = webCluster();
    const svc = getObject<KObject>(state, 'Service', 'default', 'nginx');
    const slice = onlySlice(state, 'nginx');
    expect(slice.metadata.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.generateName).toBe('nginx-');
    expect(slice.metadata.labels).toEqual({
      app: 'nginx',
      'service.kubernetes.io/headless': '',
      'kubernetes.io/service-name': 'nginx',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Service', name: 'nginx', uid: svc?.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'web', port: 80, protocol: 'TCP' }]);
    expect(slice.endpoints).toEqual([
      {
        addresses: ['10.244.1.2'],
        conditions: { ready: true, serving: true, terminating: false },
        hostname: 'web-0',
        nodeName: 'node-1',
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: podNamed(state, 'web-0').metadata.uid },
        zone: 'a',
      },
      {
        addresses: ['10.244.2.2'],
        conditions: { ready: true, serving: true, terminating: false },
        hostname: 'web-1',
        nodeName: 'node-2',
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: podNamed(state, 'web-1').metadata.uid },
        zone: 'b',
      },
    ]);
  });

  it('sets the endpoint hostname only when the pod subdomain names this Service', () => {
    const state = webCluster();
    addService(state, 'nginx-cip', { selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] });
    addPod(state, { name: 'loose', labels: { app: 'nginx' }, ip: '10.244.3.9', node: 'node-3', hostname: 'loose' });
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'nginx-cip').endpoints.map((e) => e.hostname)).toEqual([undefined, undefined, undefined]);
    expect(onlySlice(state, 'nginx').endpoints.map((e) => e.hostname)).toEqual([undefined, 'web-0', 'web-1']);
  });

  it('sorts endpoints by pod name and skips pods without an IP, terminal pods, other namespaces and non-matching labels', () => {
    const state = newCluster();
    addService(state, 'app', { clusterIP: 'None', selector: { app: 'x' }, ports: [{ port: 80 }] });
    addPod(state, { name: 'b', labels: { app: 'x' }, ip: '10.244.1.3', node: 'node-1' });
    addPod(state, { name: 'a', labels: { app: 'x' }, ip: '10.244.1.4', node: 'node-1' });
    addPod(state, { name: 'pending', labels: { app: 'x' }, phase: 'Pending' });
    addPod(state, { name: 'done', labels: { app: 'x' }, ip: '10.244.1.5', node: 'node-1', phase: 'Succeeded' });
    addPod(state, { name: 'other-ns', namespace: 'kube-public', labels: { app: 'x' }, ip: '10.244.1.6', node: 'node-1' });
    addPod(state, { name: 'other-app', labels: { app: 'y' }, ip: '10.244.1.7', node: 'node-1' });
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'app').endpoints.map((e) => e.targetRef?.name)).toEqual(['a', 'b']);
  });

  it('derives ready/serving/terminating as R14.9 says', () => {
    const state = webCluster();
    setReady(state, 'web-0', false);
    markDeleting(state, 'web-1');
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'nginx').endpoints.map((e) => e.conditions)).toEqual([
      { ready: false, serving: false, terminating: false },
      { ready: false, serving: true, terminating: true },
    ]);
  });

  it('marks every endpoint ready with publishNotReadyAddresses, even a terminating one', () => {
    const state = newCluster();
    addService(state, 'zk-hs', { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'zk' }, ports: [{ name: 'peer', port: 2888 }] });
    addPod(state, { name: 'zk-0', labels: { app: 'zk' }, ip: '10.244.1.2', node: 'node-1', ready: false });
    addPod(state, { name: 'zk-1', labels: { app: 'zk' }, ip: '10.244.2.2', node: 'node-2', deleting: true });
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'zk-hs').endpoints.map((e) => e.conditions)).toEqual([
      { ready: true, serving: false, terminating: false },
      { ready: true, serving: true, terminating: true },
    ]);
  });

  it('resolves a named targetPort against each pod and drops ports a pod does not have', () => {
    const state = newCluster();
    addService(state, 'api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] });
    addPod(state, { name: 'api-0', labels: { app: 'api' }, ip: '10.244.1.2', node: 'node-1', containers: [{ name: 'c', image: 'app', ports: [{ name: 'http', containerPort: 8080 }] }] });
    addPod(state, { name: 'api-1', labels: { app: 'api' }, ip: '10.244.2.2', node: 'node-2', containers: [{ name: 'c', image: 'app', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9102 }] }] });
    endpointSliceController.reconcile(state);
    const slices = slicesOf(state, 'api');
    expect(slices.map((s) => [s.ports, s.endpoints.map((e) => e.targetRef?.name)]).sort()).toEqual(
      [
        [[{ name: 'http', port: 8080, protocol: 'TCP' }], ['api-0']],
        [[{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9102, protocol: 'TCP' }], ['api-1']],
      ].sort(),
    );
  });

  it('writes the legacy Endpoints object: ready addresses, not-ready ones apart, terminating ones dropped', () => {
    const state = webCluster();
    addPod(state, { name: 'web-2', labels: { app: 'nginx' }, ip: '10.244.3.2', node: 'node-3', ready: false, hostname: 'web-2', subdomain: 'nginx' });
    markDeleting(state, 'web-1');
    endpointSliceController.reconcile(state);
    const eps = getObject<Eps>(state, 'Endpoints', 'default', 'nginx');
    expect(eps?.metadata.labels).toEqual({ app: 'nginx', 'service.kubernetes.io/headless': '' });
    expect(eps?.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.2', hostname: 'web-0', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: podNamed(state, 'web-0').metadata.uid } }],
        notReadyAddresses: [{ ip: '10.244.3.2', hostname: 'web-2', nodeName: 'node-3', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: podNamed(state, 'web-2').metadata.uid } }],
        ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
      },
    ]);
  });

  it('keeps a placeholder slice without ports and an Endpoints object without subsets when nothing matches', () => {
    const state = newCluster();
    addService(state, 'empty', { selector: { app: 'none' }, ports: [{ name: 'web', port: 80 }] });
    endpointSliceController.reconcile(state);
    const slice = onlySlice(state, 'empty');
    expect(slice.endpoints).toEqual([]);
    expect(slice.ports).toEqual([]);
    expect(getObject<Eps>(state, 'Endpoints', 'default', 'empty')?.subsets).toBeUndefined();
  });

  it('writes nothing when nothing changed, and updates the same slice in place when a pod changes', () => {
    const state = webCluster();
    const name = onlySlice(state, 'nginx').metadata.name;
    const rv = state.counters.rv;
    endpointSliceController.reconcile(state);
    expect(state.counters.rv).toBe(rv);
    // A status change that does not touch endpoints writes nothing either.
    updateObject(state, 'Pod', 'default', 'web-0', (p) => {
      p['status'] = { ...(p['status'] as object), startTime: '2025-01-01T00:00:05Z' };
    });
    const afterUnrelated = state.counters.rv;
    endpointSliceController.reconcile(state);
    expect(state.counters.rv).toBe(afterUnrelated);
    setReady(state, 'web-0', false);
    endpointSliceController.reconcile(state);
    const slice = onlySlice(state, 'nginx');
    expect(slice.metadata.name).toBe(name);
    expect(slice.endpoints[0]?.conditions?.ready).toBe(false);
  });

  it('publishes a pod that gets its IP after passes that saw it without one, and drops it once it is terminal', () => {
    const state = webCluster();
    addPod(state, { name: 'web-2', labels: { app: 'nginx' }, phase: 'Pending', node: 'node-3' });
    const rv = state.counters.rv;
    endpointSliceController.reconcile(state);
    expect(state.counters.rv).toBe(rv);
    updateObject(state, 'Pod', 'default', 'web-2', (p) => {
      p['status'] = { ...(p['status'] as object), podIP: '10.244.3.2', podIPs: [{ ip: '10.244.3.2' }] };
    });
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'nginx').endpoints.map((e) => e.targetRef?.name)).toEqual(['web-0', 'web-1', 'web-2']);
    updateObject(state, 'Pod', 'default', 'web-2', (p) => {
      p['status'] = { ...(p['status'] as object), phase: 'Failed' };
    });
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'nginx').endpoints.map((e) => e.targetRef?.name)).toEqual(['web-0', 'web-1']);
  });

  it('updates the slice when only a pod readiness changes, on an instant where other pods changed too', () => {
    const state = webCluster();
    addPod(state, { name: 'other', labels: { app: 'other' }, phase: 'Pending' });
    setReady(state, 'web-1', false);
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'nginx').endpoints.map((e) => e.conditions?.ready)).toEqual([true, false]);
    setReady(state, 'web-1', true);
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'nginx').endpoints.map((e) => e.conditions?.ready)).toEqual([true, true]);
    expect(getObject<Eps>(state, 'Endpoints', 'default', 'nginx')?.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)).toEqual(['web-0', 'web-1']);
  });

  it('removes the slices and the Endpoints once the Service is gone', () => {
    const state = webCluster();
    removeObject(state, 'Service', 'default', 'nginx');
    endpointSliceController.reconcile(state);
    expect(slicesOf(state, 'nginx')).toEqual([]);
    expect(getObject(state, 'Endpoints', 'default', 'nginx')).toBeUndefined();
  });

  it('recreates a slice someone deleted', () => {
    const state = webCluster();
    removeObject(state, 'EndpointSlice', 'default', onlySlice(state, 'nginx').metadata.name);
    endpointSliceController.reconcile(state);
    expect(onlySlice(state, 'nginx').endpoints).toHaveLength(2);
  });

  it('leaves Services without a selector to the user', () => {
    const state = newCluster();
    addService(state, 'external', { ports: [{ port: 5432 }] });
    endpointSliceController.reconcile(state);
    expect(slicesOf(state, 'external')).toEqual([]);
    expect(getObject(state, 'Endpoints', 'default', 'external')).toBeUndefined();
  });

  it('splits more than 100 endpoints over several slices', () => {
    const state = newCluster();
    addService(state, 'big', { clusterIP: 'None', selector: { app: 'big' }, ports: [{ name: 'web', port: 80 }] });
    for (let i = 0; i < 150; i++) addPod(state, { name: `big-${String(i).padStart(3, '0')}`, labels: { app: 'big' }, ip: `10.244.1.${i + 2}`, node: 'node-1' });
    endpointSliceController.reconcile(state);
    expect(slicesOf(state, 'big').map((s) => s.endpoints.length).sort()).toEqual([100, 50]);
  });

  it('reaches the same result on a copy of the state it has never seen', () => {
    const state = webCluster();
    setReady(state, 'web-1', false);
    const copy = JSON.parse(JSON.stringify(state)) as ClusterState;
    endpointSliceController.reconcile(state);
    endpointSliceController.reconcile(copy);
    expect(slicesOf(copy, 'nginx')).toEqual(slicesOf(state, 'nginx'));
  });
});
