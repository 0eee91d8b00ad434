/**
 * The pods of a Job: building them from the template (R16.1 names, labels, the
 * completion index of Indexed Jobs, the tracking finalizer), adopting and
 * releasing them, which pods count as failed, when a pod finished, and the
 * order in which surplus pods are removed. After upstream
 * `pkg/controller/job/job_controller.go` (manageJob, getPodsForJob,
 * activePodsForRemoval, isPodFailed), `indexed_job_utils.go`
 * (addCompletionIndexEnvVariable, appendDuplicatedIndexPodsForRemoval),
 * `backoff_utils.go` (getFinishedTime) and `pkg/controller/controller_utils.go`
 * (ActivePods ordering, RealPodControl events).
 */
import type { Job } from 'kubernetes-types/batch/v1';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { selectorMatches } from '../../model/labelSelector';
import { controllerOf, ownerRef, writableMeta, type KObject } from '../../model/objects';
import { getCondition, isPodReady, isTerminal, podRestarts, type PodObject } from '../../model/pod';
import { admitPod } from '../admission';
import type { ClusterState } from '../clusterState';
import { deleteObject } from '../deletion';
import { randomSuffix } from '../random';
import { recordEvent } from '../recorder';
import { createObject, getObject, listObjects, removeObject, updateObject } from '../store';

/** A Job as stored. */
export type JobObject = Job & KObject;

export const JOB_SOURCE = 'job-controller';
/** The finalizer that keeps a pod until the Job counted it (`batch.kubernetes.io/job-tracking`). */
export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** Annotation and label carrying an Indexed Job pod's index. */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** True when the pod still carries the Job tracking finalizer. */
export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata?.finalizers?.includes(TRACKING_FINALIZER) === true;
}

/** Not terminal and not being deleted (`controller.FilterActivePods`). */
export function isActivePod(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

/** Being deleted but not yet terminal (`controller.IsPodTerminating`). */
export function isTerminatingPod(pod: Pod): boolean {
  return !isTerminal(pod) && Boolean(pod.metadata?.deletionTimestamp);
}

export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

/** `podReplacementPolicy: Failed`: replacements wait until the old pod reached the Failed phase. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || Boolean(job.spec?.podFailurePolicy);
}

/** A failed pod: phase Failed, or (unless only failed pods are replaced) deleted before it succeeded. */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return Boolean(pod.metadata?.deletionTimestamp) && pod.status?.phase !== 'Succeeded';
}

/** The completion index of an Indexed Job pod, or -1. */
export function completionIndexOf(pod: Pod): number {
  const text = pod.metadata?.annotations?.[COMPLETION_INDEX];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : -1;
}

/** When a pod finished (`getFinishedTime`), as simulated wall-clock ms. */
export function finishedAt(pod: Pod, nowMs: number): number {
  const ready = getCondition(pod, 'Ready');
  if (isTerminal(pod) && ready?.status === 'False' && ready.lastTransitionTime) return Date.parse(ready.lastTransitionTime);
  let latest: number | undefined;
  for (const c of pod.status?.containerStatuses ?? []) {
    const at = c.state?.terminated?.finishedAt;
    if (at && (latest === undefined || Date.parse(at) > latest)) latest = Date.parse(at);
  }
  if (latest !== undefined) return latest;
  const deletion = pod.metadata?.deletionTimestamp;
  if (deletion) return Date.parse(deletion) - (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
  return nowMs;
}

/**
 * The pods this Job manages (getPodsForJob / ClaimPods): pods it controls whose
 * labels still match, plus matching orphans it adopts (owner reference and
 * tracking finalizer added). Controlled pods whose labels stopped matching are released.
 */
export function claimJobPods(state: ClusterState, job: JobObject): PodObject[] {
  const owned: PodObject[] = [];
  const selector = job.spec?.selector;
  for (const pod of listObjects<PodObject>(state, 'Pod', job.metadata.namespace)) {
    const ctrl = controllerOf(pod);
    const matches = selector ? selectorMatches(selector, pod.metadata.labels) : true;
    if (ctrl?.uid === job.metadata.uid) {
      if (matches) owned.push(pod);
      else
        updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
          p.metadata.ownerReferences = p.metadata.ownerReferences?.filter((r) => r.uid !== job.metadata.uid);
        });
    } else if (!ctrl && selector && matches && !pod.metadata.deletionTimestamp && !job.metadata.deletionTimestamp) {
      const adopted = updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
        p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRef(job)];
        if (!hasTrackingFinalizer(p)) p.metadata.finalizers = [...(p.metadata.finalizers ?? []), TRACKING_FINALIZER];
      });
      if (adopted) owned.push(adopted);
    }
  }
  return owned;
}

/** `addCompletionIndexEnvVariable`: JOB_COMPLETION_INDEX from the pod's index label (PodIndexLabel is GA). */
function addIndexEnv(container: Container): void {
  if (container.env?.some((e) => e.name === 'JOB_COMPLETION_INDEX')) return;
  container.env = [
    ...(container.env ?? []),
    { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } },
  ];
}

/** A free generated name: `<job>-<5 random>` or, for an index, `<job>-<index>-<5 random>`. */
function generatedName(state: ClusterState, job: JobObject, index: number): string {
  const prefix = index >= 0 ? `${job.metadata.name}-${index}-` : `${job.metadata.name}-`;
  for (;;) {
    const name = `${prefix}${randomSuffix(state.rng)}`;
    if (!getObject(state, 'Pod', job.metadata.namespace, name)) return name;
  }
}

/** Creates one pod from the template (`CreatePodsWithGenerateName`), with the `SuccessfulCreate` event. */
export function createJobPod(state: ClusterState, job: JobObject, index: number): PodObject {
  const template = JSON.parse(JSON.stringify(job.spec?.template ?? {})) as NonNullable<Job['spec']>['template'];
  const spec = template.spec ?? { containers: [] };
  const labels = { ...template.metadata?.labels };
  const annotations = { ...template.metadata?.annotations };
  if (index >= 0) {
    annotations[COMPLETION_INDEX] = String(index);
    labels[COMPLETION_INDEX] = String(index);
    spec.hostname = `${job.metadata.name}-${index}`;
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) addIndexEnv(c);
  }
  const pod: PodObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: generatedName(state, job, index),
      generateName: index >= 0 ? `${job.metadata.name}-${index}-` : `${job.metadata.name}-`,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [ownerRef(job)],
      finalizers: [...new Set([...(template.metadata?.finalizers ?? []), TRACKING_FINALIZER])],
    },
    spec,
  };
  const created = createObject(state, admitPod(state, pod));
  recordEvent(state, job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, JOB_SOURCE);
  return created;
}

/**
 * Deletes a Job's pod (`RealPodControl.DeletePod`, event `SuccessfulDelete`).
 * `keepFinalizer` is false for pods removed by scale-down or suspension: their
 * finalizer goes first so they are never counted as failed.
 */
export function deleteJobPod(state: ClusterState, job: JobObject, pod: PodObject, keepFinalizer: boolean): void {
  if (!keepFinalizer) removeTrackingFinalizer(state, pod);
  if (!getObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name)) return;
  deleteObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name);
  recordEvent(state, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, JOB_SOURCE);
  if (!keepFinalizer) dropIfReleased(state, pod.metadata.namespace, pod.metadata.name);
}

/**
 * Removes the tracking finalizer. A pod already deleted with no grace left (or
 * never scheduled) and no other finalizer is then removed, as the API server
 * does when the last finalizer of such an object goes.
 */
export function removeTrackingFinalizer(state: ClusterState, pod: PodObject): void {
  updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
    const rest = (p.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
    if (rest.length) p.metadata.finalizers = rest;
    else delete writableMeta(p).finalizers;
  });
  dropIfReleased(state, pod.metadata.namespace, pod.metadata.name);
}

function dropIfReleased(state: ClusterState, namespace: string | undefined, name: string): void {
  const pod = getObject<PodObject>(state, 'Pod', namespace, name);
  if (!pod?.metadata.deletionTimestamp || pod.metadata.finalizers?.length) return;
  if (pod.metadata.deletionGracePeriodSeconds === 0 || !pod.spec?.nodeName) removeObject(state, 'Pod', namespace, name);
}

function phaseRank(pod: Pod): number {
  const phase = pod.status?.phase;
  return phase === 'Pending' ? 0 : phase === 'Unknown' ? 1 : phase === 'Running' ? 2 : 3;
}

function readySince(pod: Pod): number {
  const since = getCondition(pod, 'Ready')?.lastTransitionTime;
  return since ? Date.parse(since) : 0;
}

/** `controller.ActivePods` order: the pods earliest in their life (cheapest to lose) first. */
export function byRemovalPreference(a: PodObject, b: PodObject): number {
  const assigned = Number(Boolean(a.spec?.nodeName)) - Number(Boolean(b.spec?.nodeName));
  if (assigned) return assigned;
  const phase = phaseRank(a) - phaseRank(b);
  if (phase) return phase;
  const ready = Number(isPodReady(a)) - Number(isPodReady(b));
  if (ready) return ready;
  if (isPodReady(a) && isPodReady(b) && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
  const restarts = podRestarts(b) - podRestarts(a);
  if (restarts) return restarts;
  const created = Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? '');
  if (created) return created;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** `activePodsForRemoval`: repeated or out-of-range indexes first (Indexed), then the cheapest pods. */
export function activePodsForRemoval(job: JobObject, active: PodObject[], atLeast: number): PodObject[] {
  const rm: PodObject[] = [];
  let left = active;
  if (isIndexedJob(job)) {
    left = [];
    const completions = job.spec?.completions ?? 0;
    const byIndex = new Map<number, PodObject[]>();
    for (const pod of active) {
      const ix = completionIndexOf(pod);
      if (ix < 0 || ix >= completions) rm.push(pod);
      else byIndex.set(ix, [...(byIndex.get(ix) ?? []), pod]);
    }
    for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
      const same = [...(byIndex.get(ix) ?? [])].sort(byRemovalPreference);
      rm.push(...same.slice(0, -1));
      left.push(same[same.length - 1] as PodObject);
    }
  }
  if (rm.length < atLeast) rm.push(...[...left].sort(byRemovalPreference).slice(0, atLeast - rm.length));
  return rm;
}
