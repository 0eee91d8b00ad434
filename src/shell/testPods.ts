/**
 * Test builders for the DNS, endpoints and exec-shell tests: pods, Services
 * and bound claims created directly in the store, with a hand-made kubelet
 * runtime record for running pods (the kubelet itself is not involved).
 * Only tests import this file.
 */
import type { Container, PersistentVolume, PersistentVolumeClaim, Service, Volume } from 'kubernetes-types/core/v1';
import { createClusterState } from '../engine/bootstrap';
import type { ClusterState, PodRuntime } from '../engine/clusterState';
import { endpointSliceController } from '../engine/controllers/endpointSliceController';
import { allocateClusterIP } from '../engine/serviceIp';
import { createObject, getObject, updateObject } from '../engine/store';
import { setStatus, writableMeta, type KObject } from '../model/objects';
import type { PodObject } from '../model/pod';

/** The pod `addPod` builds. */
export interface PodInput {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  ip?: string;
  node?: string;
  /** Ready condition (default true for Running pods). */
  ready?: boolean;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  hostname?: string;
  subdomain?: string;
  containers?: Container[];
  volumes?: Volume[];
  deleting?: boolean;
  /** Create the kubelet runtime record (default: when phase is Running). */
  runtime?: boolean;
}

/** A fresh three-node cluster (C3). */
export function newCluster(seed = 7): ClusterState {
  return createClusterState({ seed });
}

/** An nginx container serving port 80, mounting `www` at the document root when `mounted`. */
export function nginxContainer(mounted = true, image = 'registry.k8s.io/nginx-slim:0.21'): Container {
  return {
    name: 'nginx',
    image,
    ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }],
    ...(mounted ? { volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] } : {}),
  };
}

/** Creates a pod (and, when running, its kubelet runtime record). */
export function addPod(state: ClusterState, input: PodInput): PodObject {
  const phase = input.phase ?? 'Running';
  const ready = input.ready ?? phase === 'Running';
  const containers = input.containers ?? [{ name: 'main', image: 'busybox:1.28', command: ['sleep', '3600'] }];
  const pod = createObject<PodObject>(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: input.name,
      namespace: input.namespace ?? 'default',
      labels: input.labels ?? {},
      ...(input.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z', deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: {
      containers,
      ...(input.volumes ? { volumes: input.volumes } : {}),
      ...(input.node ? { nodeName: input.node } : {}),
      ...(input.hostname ? { hostname: input.hostname } : {}),
      ...(input.subdomain ? { subdomain: input.subdomain } : {}),
    },
    status: {
      phase,
      ...(input.ip ? { podIP: input.ip, podIPs: [{ ip: input.ip }] } : {}),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  });
  if (input.runtime ?? phase === 'Running') {
    const rec: PodRuntime = {
      uid: pod.metadata.uid ?? '',
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      node: input.node ?? 'node-1',
      phase: 'running',
      nextContainer: containers.length,
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image ?? '',
        state: 'running',
        startedAt: state.now,
        restartCount: 0,
        files: {},
        backoffMs: 0,
        pullBackoffMs: 0,
        ready,
        probeFailures: 0,
        probeSuccesses: 0,
        probeGen: 0,
        incarnation: 1,
      })),
      emptyDirs: {},
      ip: input.ip,
      startedAt: state.now,
    };
    state.runtime.pods[rec.uid] = rec;
  }
  return pod;
}

/** Creates a Service; `clusterIP: 'None'` makes it headless, omitted allocates one. */
export function addService(state: ClusterState, name: string, spec: Service['spec'], labels: Record<string, string> = {}, namespace = 'default'): Service & KObject {
  const clusterIP = spec?.clusterIP ?? allocateClusterIP(state);
  return createObject<Service & KObject>(state, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: { type: 'ClusterIP', ...spec, clusterIP, clusterIPs: [clusterIP] },
  });
}

/** A Bound claim with its PV (`pvc-<claim>`), as the PV controller would leave them. */
export function addBoundClaim(state: ClusterState, claim: string, namespace = 'default'): string {
  const pvName = `pvc-${claim}`;
  createObject<PersistentVolume & KObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], claimRef: { namespace, name: claim } },
    status: { phase: 'Bound' },
  });
  createObject<PersistentVolumeClaim & KObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: claim, namespace },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: pvName },
    status: { phase: 'Bound' },
  });
  return pvName;
}

/** M-WEB at the end of S01: headless `nginx`, pods web-0/web-1 Ready on node-1/node-2 with claims www-web-N. */
export function webCluster(seed = 7): ClusterState {
  const state = newCluster(seed);
  addService(state, 'nginx', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 80 }] }, { app: 'nginx' });
  for (const [i, ip] of ['10.244.1.2', '10.244.2.2'].entries()) {
    addBoundClaim(state, `www-web-${i}`);
    addPod(state, {
      name: `web-${i}`,
      labels: { app: 'nginx', 'statefulset.kubernetes.io/pod-name': `web-${i}` },
      ip,
      node: `node-${i + 1}`,
      hostname: `web-${i}`,
      subdomain: 'nginx',
      containers: [nginxContainer()],
      volumes: [{ name: 'www', persistentVolumeClaim: { claimName: `www-web-${i}` } }],
    });
  }
  endpointSliceController.reconcile(state);
  return state;
}

/** Sets a pod's Ready condition (as the kubelet would after a probe result). */
export function setReady(state: ClusterState, name: string, ready: boolean, namespace = 'default'): void {
  updateObject<PodObject>(state, 'Pod', namespace, name, (p) => {
    setStatus(p, { ...p.status, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] });
  });
}

/** Marks a pod for deletion (what `kubectl delete pod` does before the kubelet finishes). */
export function markDeleting(state: ClusterState, name: string, namespace = 'default'): void {
  updateObject<PodObject>(state, 'Pod', namespace, name, (p) => {
    writableMeta(p).deletionTimestamp = '2025-01-01T00:01:00Z';
  });
}

/** The pod object (throws when missing, for brevity in tests). */
export function podNamed(state: ClusterState, name: string, namespace = 'default'): PodObject {
  const pod = getObject<PodObject>(state, 'Pod', namespace, name);
  if (!pod) throw new Error(`no pod ${name}`);
  return pod;
}
