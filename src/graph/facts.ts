/**
 * The facts of issue #4 the graph shows beside the `kubectl get` columns: node taints, pods stuck
 * Terminating on an unreachable node, evictions a PodDisruptionBudget refuses, the revision of each
 * StatefulSet pod during a rollout, Job/CronJob status, and each database pod's role and row count.
 * Read-only: nothing here writes to the state (database files are read through `src/apps/`).
 */
import type { JobCondition } from 'kubernetes-types/batch/v1';
import type { Node, Taint } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudgetSpec } from 'kubernetes-types/policy/v1';
import { databaseServer, readRows, roleOf } from '../apps/database';
import type { ClusterState } from '../engine/clusterState';
import type { PdbObject } from '../engine/controllers/disruptionController';
import { budgetsForPod } from '../engine/eviction';
import { getObject, listObjects } from '../engine/store';
import { formatLabelSelector } from '../model/labelSelector';
import type { KObject } from '../model/objects';
import { controllerOf } from '../model/objects';
import { isPodReady, type PodObject } from '../model/pod';
import type { BudgetModel, PodModel, Tone } from './graphModel';

type NodeObject = Node & KObject;

/** `key:Effect` of each taint (`node.kubernetes.io/unreachable:NoExecute`), as `kubectl describe node` lists them. */
export function taintTexts(node: NodeObject): string[] {
  return (node.spec?.taints ?? []).map((t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
}

/** Whether the Node's Ready condition is True. */
export function nodeReady(node: NodeObject | undefined): boolean {
  return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** `stuck: node unreachable` for a pod being deleted on a node that is not Ready: nobody confirms the deletion. */
export function stuckReason(state: ClusterState, pod: PodObject): string | undefined {
  const nodeName = pod.spec?.nodeName;
  if (!pod.metadata.deletionTimestamp || !nodeName) return undefined;
  const node = getObject<NodeObject>(state, 'Node', undefined, nodeName);
  return node && !nodeReady(node) ? 'stuck: node unreachable' : undefined;
}

/**
 * What the eviction API (`src/engine/eviction.ts`) would answer now for a pod on a cordoned node,
 * when it is a refusal: `web-pdb: needs 2 healthy pods and has 2 currently`. The engine keeps no
 * record of a drain's refused attempts, so the graph shows the budget's verdict for the pods a
 * drain would evict (those on cordoned nodes), the same check the drain's next retry makes.
 */
export function evictionBlocked(state: ClusterState, pod: PodObject): string | undefined {
  const nodeName = pod.spec?.nodeName;
  if (!nodeName || pod.metadata.deletionTimestamp) return undefined;
  const node = getObject<NodeObject>(state, 'Node', undefined, nodeName);
  if (node?.spec?.unschedulable !== true) return undefined;
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed') return undefined;
  const budgets = budgetsForPod(state, pod);
  if (budgets.length > 1) return `${budgets.map((b) => b.metadata.name).join(', ')}: more than one PodDisruptionBudget`;
  const pdb = budgets[0];
  const status = pdb?.status;
  if (!pdb || !status) return undefined;
  if (!isPodReady(pod)) {
    const alwaysAllow = pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow';
    if (alwaysAllow || (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0)) return undefined;
  }
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) return `${pdb.metadata.name}: still being processed`;
  if (status.disruptionsAllowed > 0) return undefined;
  return `${pdb.metadata.name}: needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`;
}

/** The revision of a StatefulSet's pod: hash suffix of `controller-revision-hash`, and whether it is `status.updateRevision`. */
export function podRevision(state: ClusterState, pod: PodObject): PodModel['revision'] {
  const owner = controllerOf(pod);
  const label = pod.metadata.labels?.['controller-revision-hash'];
  if (owner?.kind !== 'StatefulSet' || !label) return undefined;
  const sts = getObject<KObject>(state, 'StatefulSet', pod.metadata.namespace, owner.name);
  const update = (sts?.['status'] as { updateRevision?: string } | undefined)?.updateRevision;
  const hash = label.startsWith(`${owner.name}-`) ? label.slice(owner.name.length + 1) : label;
  return { hash, current: update === undefined || update === label };
}

/** Role (read back from the volume) and row count of a database pod; undefined for other images or before its data exists. */
export function databaseFacts(state: ClusterState, pod: PodObject): PodModel['database'] {
  // A stopped pod still has its volumes: read them without a running container.
  const server = databaseServer(state, pod, false);
  if (!server) return undefined;
  const bound = (pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim) && pod.spec?.nodeName;
  if (!bound) return undefined;
  return { role: roleOf(state, server), rows: readRows(server).length };
}

/** `kubectl get jobs` STATUS of a Job. */
export function jobStatus(job: KObject): string {
  const conditions = ((job['status'] ?? {}) as { conditions?: JobCondition[] }).conditions ?? [];
  const has = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

/** Tone of a Job/CronJob status word. */
export function jobTone(status: string): Tone {
  if (status === 'Complete') return 'neutral';
  if (status === 'Failed') return 'error';
  if (status === 'Suspended' || status === 'Terminating') return 'warning';
  return 'progress';
}

/** The PodDisruptionBudgets, with `kubectl get pdb`'s columns. */
export function budgetModels(state: ClusterState): BudgetModel[] {
  return listObjects<PdbObject>(state, 'PodDisruptionBudget').map((pdb) => {
    const spec: PodDisruptionBudgetSpec = pdb.spec ?? {};
    const status = pdb.status;
    const allowed = status?.disruptionsAllowed ?? 0;
    return {
      name: pdb.metadata.name,
      namespace: pdb.metadata.namespace ?? 'default',
      selector: formatLabelSelector(spec.selector),
      minAvailable: spec.minAvailable === undefined ? 'N/A' : String(spec.minAvailable),
      maxUnavailable: spec.maxUnavailable === undefined ? 'N/A' : String(spec.maxUnavailable),
      allowedDisruptions: allowed,
      currentHealthy: status?.currentHealthy ?? 0,
      desiredHealthy: status?.desiredHealthy ?? 0,
      tone: allowed > 0 ? 'ok' : 'warning',
    };
  });
}
