/**
 * The ReplicaSet controller, after upstream
 * `pkg/controller/replicaset/replica_set.go` (syncReplicaSet, claimPods,
 * manageReplicas, getIndirectlyRelatedPods), `replica_set_utils.go`
 * (calculateStatus, updateReplicaSetStatus) and `RealPodControl` in
 * `pkg/controller/controller_utils.go` (GetPodFromTemplate and the event texts).
 *
 * Spec R15.1–R15.4: a ReplicaSet keeps `spec.replicas` active pods — pods
 * that are neither terminating nor terminal, so a replacement is created the
 * moment a pod is marked for deletion. Missing pods are all created at once
 * (no ordering, no readiness gate), named `<rs>-<5 random chars>` the way the
 * API server fills `generateName`; surplus pods are chosen by
 * `activePodsRanking.ts`. Matching orphans are adopted and pods whose labels
 * stop matching are released (controller references, as for StatefulSets).
 *
 * Left out: expectations (the simulation sees its own writes at once), the
 * slow-start batches (no create ever fails here, so every batch succeeds),
 * the ReplicaFailure condition, the TerminatingReplicas field (alpha gate).
 */
import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { selectorMatches } from '../../model/labelSelector';
import { controllerOf, ownerRef, setStatus, type KObject } from '../../model/objects';
import { getCondition, isPodReady, type PodObject } from '../../model/pod';
import { admitPod } from '../admission';
import type { ClusterState } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { deleteObject } from '../deletion';
import { schedule } from '../eventQueue';
import { randomSuffix } from '../random';
import { recordEvent } from '../recorder';
import { createObject, getObject, listObjects, updateObject } from '../store';
import { isPodActive, podsToDelete } from './activePodsRanking';

/** A ReplicaSet as stored. */
export type RsObject = ReplicaSet & KObject;

const SOURCE = 'replicaset-controller';
/** The controller's `burstReplicas`: at most this many creations or deletions per sync. */
const BURST_REPLICAS = 500;
/** The API server truncates a `generateName` prefix so the random suffix still fits in 63 characters. */
const MAX_GENERATED_PREFIX = 58;
const REQUEUE_TIMER = 'replicaset.requeue';

/** Ready for at least `minReadySeconds` (`podutil.IsPodAvailable`): undefined when not Ready. */
function availableAt(pod: PodObject, minReadySeconds: number): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const since = getCondition(pod, 'Ready')?.lastTransitionTime;
  if (minReadySeconds <= 0) return -Infinity;
  return since ? Date.parse(since) + minReadySeconds * 1000 : undefined;
}

/**
 * `claimPods` through the PodControllerRefManager: keeps active pods this set
 * controls and still selects, releases those it no longer selects, adopts
 * matching orphans.
 */
function claimPods(state: ClusterState, rs: RsObject): PodObject[] {
  const owned: PodObject[] = [];
  const uid = rs.metadata.uid;
  const deleting = Boolean(rs.metadata.deletionTimestamp);
  for (const pod of listObjects<PodObject>(state, 'Pod', rs.metadata.namespace)) {
    if (!isPodActive(pod)) continue;
    const matches = selectorMatches(rs.spec?.selector, pod.metadata.labels);
    const ctrl = controllerOf(pod);
    if (ctrl) {
      if (ctrl.uid !== uid) continue;
      if (matches) owned.push(pod);
      else if (!deleting) {
        updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
          p.metadata.ownerReferences = p.metadata.ownerReferences?.filter((r) => r.uid !== uid);
          if (!p.metadata.ownerReferences?.length) delete p.metadata.ownerReferences;
        });
      }
      continue;
    }
    if (deleting || !matches) continue;
    const adopted = updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
      p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRef(rs)];
    });
    if (adopted) owned.push(adopted);
  }
  return owned;
}

/** A free `<prefix><5 random chars>` name; the API server retries generateName collisions. */
function generatePodName(state: ClusterState, rs: RsObject): string {
  const prefix = `${rs.metadata.name}-`.slice(0, MAX_GENERATED_PREFIX);
  for (;;) {
    const name = prefix + randomSuffix(state.rng);
    if (!getObject(state, 'Pod', rs.metadata.namespace, name)) return name;
  }
}

/** `GetPodFromTemplate` + `CreatePods`: a pod from the template, owned by the set. */
function createPod(state: ClusterState, rs: RsObject): void {
  const template = rs.spec?.template;
  const name = generatePodName(state, rs);
  const pod: PodObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${rs.metadata.name}-`.slice(0, MAX_GENERATED_PREFIX),
      namespace: rs.metadata.namespace,
      ...(template?.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      ...(template?.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ...(template?.metadata?.finalizers?.length ? { finalizers: [...template.metadata.finalizers] } : {}),
      ownerReferences: [ownerRef(rs)],
    },
    spec: JSON.parse(JSON.stringify(template?.spec ?? { containers: [] })) as NonNullable<PodObject['spec']>,
  };
  const created = createObject(state, admitPod(state, pod));
  recordEvent(state, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
}

/** `getIndirectlyRelatedPods`: the pods selected by every ReplicaSet sharing this one's controller. */
function relatedPods(state: ClusterState, rs: RsObject): PodObject[] {
  const owner = controllerOf(rs);
  if (!owner) return [];
  const siblings = listObjects<RsObject>(state, 'ReplicaSet', rs.metadata.namespace).filter((s) => controllerOf(s)?.uid === owner.uid);
  const seen = new Set<string>();
  const out: PodObject[] = [];
  for (const sibling of siblings) {
    for (const pod of listObjects<PodObject>(state, 'Pod', rs.metadata.namespace)) {
      const uid = pod.metadata.uid ?? '';
      if (seen.has(uid) || !selectorMatches(sibling.spec?.selector, pod.metadata.labels)) continue;
      seen.add(uid);
      out.push(pod);
    }
  }
  return out;
}

/** `manageReplicas`: creates the missing pods at once, or deletes the surplus by rank. */
function manageReplicas(state: ClusterState, rs: RsObject, active: PodObject[]): void {
  const diff = active.length - (rs.spec?.replicas ?? 1);
  if (diff < 0) {
    const missing = Math.min(-diff, BURST_REPLICAS);
    for (let i = 0; i < missing; i++) createPod(state, rs);
  } else if (diff > 0) {
    const victims = podsToDelete(active, relatedPods(state, rs), Math.min(diff, BURST_REPLICAS), state.epochMs + state.now);
    for (const pod of victims) {
      deleteObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name);
      recordEvent(state, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
    }
  }
}

/** `calculateStatus` + `updateReplicaSetStatus`; returns the time the next pod becomes available, if one will. */
function writeStatus(state: ClusterState, rs: RsObject, pods: PodObject[]): number | undefined {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const nowMs = state.epochMs + state.now;
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let nextAvailable: number | undefined;
  for (const pod of pods) {
    if (Object.entries(templateLabels).every(([k, v]) => pod.metadata.labels?.[k] === v)) fullyLabeled++;
    const at = availableAt(pod, minReady);
    if (!isPodReady(pod)) continue;
    ready++;
    if (at !== undefined && at <= nowMs) available++;
    else if (at !== undefined && (nextAvailable === undefined || at < nextAvailable)) nextAvailable = at;
  }
  const current = rs.status;
  const generation = rs.metadata.generation ?? 1;
  const unchanged =
    current !== undefined &&
    current.replicas === pods.length &&
    (current.fullyLabeledReplicas ?? 0) === fullyLabeled &&
    (current.readyReplicas ?? 0) === ready &&
    (current.availableReplicas ?? 0) === available &&
    current.observedGeneration === generation;
  if (!unchanged) {
    updateObject<RsObject>(state, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name, (r) => {
      // Key order as kubectl prints it (sorted); zero counters are omitted like the Go type's omitempty.
      const status: ReplicaSetStatus = {
        ...(available ? { availableReplicas: available } : {}),
        ...(r.status?.conditions?.length ? { conditions: r.status.conditions } : {}),
        ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
        observedGeneration: generation,
        ...(ready ? { readyReplicas: ready } : {}),
        replicas: pods.length,
      };
      setStatus(r, status);
    });
  }
  return nextAvailable;
}

/**
 * Wakes the controller once a Ready pod passed minReadySeconds, so availability
 * advances without another write. Like upstream's `enqueueRSAfter` it wakes a
 * second late ("to avoid milliseconds skew").
 */
function requeueAt(state: ClusterState, rs: RsObject, availableAtMs: number): void {
  const atMs = availableAtMs + 1000;
  const key = `${rs.metadata.namespace}/${rs.metadata.name}@${atMs}`;
  const delay = atMs - state.epochMs - state.now;
  if (delay <= 0 || state.timers.some((t) => t.type === REQUEUE_TIMER && t.target === key)) return;
  schedule(state, delay, REQUEUE_TIMER, key);
}

function syncReplicaSet(state: ClusterState, rs: RsObject): void {
  const pods = claimPods(state, rs);
  if (!rs.metadata.deletionTimestamp) manageReplicas(state, rs, pods);
  // Upstream computes the status from the pods it saw before acting; the next pass counts the new ones.
  const fresh = getObject<RsObject>(state, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  if (!fresh) return;
  const next = writeStatus(state, fresh, pods);
  if (next !== undefined) requeueAt(state, fresh, next);
}

/** The ReplicaSet controller. */
export const replicaSetController: Controller = {
  name: SOURCE,
  watches: [...CORE_KINDS, 'ReplicaSet'],
  reconcile(state) {
    for (const rs of listObjects<RsObject>(state, 'ReplicaSet')) syncReplicaSet(state, rs);
  },
  timers: {
    [REQUEUE_TIMER]: () => {
      // Waking up is enough: the next pass recounts available pods.
    },
  },
};
