/**
 * Admission: what the API server adds to objects on create, beyond the
 * defaulters — the default NoExecute tolerations of the
 * DefaultTolerationSeconds plugin (R10.6), the DefaultStorageClass plugin
 * (R9.1), the pvc-protection finalizer (R9.9) and initial statuses.
 */
import type { PersistentVolumeClaim, Pod, Toleration } from 'kubernetes-types/core/v1';
import { setStatus, type KObject } from '../model/objects';
import { parseQuantity } from '../model/quantity';
import type { ClusterState } from './clusterState';
import { jsonClone } from './jsonData';
import { defaultStorageClass } from './storage';

/** Adds the default tolerations and the Pending status to a new pod. */
export function admitPod<T extends Pod & KObject>(state: ClusterState, pod: T): T {
  const out = jsonClone(pod);
  const spec = out.spec ?? { containers: [] };
  out.spec = spec;
  const seconds = state.config.timing.defaultTolerationSeconds;
  const tolerations: Toleration[] = [...(spec.tolerations ?? [])];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!tolerated) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  spec.tolerations = tolerations;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.serviceAccountName ??= 'default';
  spec.priority ??= 0;
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  setStatus(out, { phase: 'Pending', qosClass: qosClass(out) });
  return out;
}

/** QoS class from requests/limits (BestEffort, Burstable, Guaranteed). */
export function qosClass(pod: Pod): string {
  const containers = pod.spec?.containers ?? [];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || parseQuantity(q) !== parseQuantity(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Default class, protection finalizer and Pending status for a new claim. */
export function admitClaim<T extends PersistentVolumeClaim & KObject>(state: ClusterState, pvc: T): T {
  const out = jsonClone(pvc);
  const spec = out.spec ?? {};
  out.spec = spec;
  if (spec.storageClassName === undefined) {
    const sc = defaultStorageClass(state);
    if (sc) spec.storageClassName = sc.metadata.name;
  }
  spec.volumeMode ??= 'Filesystem';
  out.metadata.finalizers = [...new Set([...(out.metadata.finalizers ?? []), 'kubernetes.io/pvc-protection'])];
  setStatus(out, { phase: 'Pending' });
  return out;
}
