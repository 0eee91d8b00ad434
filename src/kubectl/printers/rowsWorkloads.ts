/**
 * Table rows of workload kinds, after `printPod`, `printStatefulSet`,
 * `printDeployment`, `printReplicaSet`, `printDaemonSet`, `printJob`,
 * `printCronJob` and `printControllerRevision` in
 * `pkg/printers/internalversion/printers.go` (R17.1–R17.4, R15.7, R16.4,
 * R16.5, R8.1). The pod STATUS/READY/RESTARTS cells come from
 * `src/model/pod.ts`.
 */
import type { DaemonSetSpec, DaemonSetStatus, DeploymentSpec, DeploymentStatus, ReplicaSetSpec, ReplicaSetStatus, StatefulSetSpec, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { CronJobSpec, CronJobStatus, JobCondition, JobSpec, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../model/duration';
import { controllerOf } from '../../model/objects';
import { lastRestartAt, podReadyText, podRestarts, podStatusText } from '../../model/pod';
import { age, containerCells, field, type KindPrinter, type RowContext } from './tableKinds';
import { boolText, formatLabels, formatLabelSelector, selectorString, since, timestampMs } from './textFormat';
import type { KObject } from '../../model/objects';

function podRow(obj: KObject, ctx: RowContext): string[] {
  const pod = obj as Pod & KObject;
  const restarts = podRestarts(pod);
  const last = lastRestartAt(pod);
  const restartsText = restarts !== 0 && last !== undefined ? `${restarts} (${since(ctx.nowMs, last)} ago)` : String(restarts);
  const cells = [pod.metadata.name, podReadyText(pod), podStatusText(pod), restartsText, age(obj, ctx)];
  if (ctx.wide) {
    const gates = pod.spec?.readinessGates ?? [];
    let readiness = '<none>';
    if (gates.length > 0) {
      const trueCount = gates.filter((g) => pod.status?.conditions?.find((c) => c.type === g.conditionType)?.status === 'True').length;
      readiness = `${trueCount}/${gates.length}`;
    }
    cells.push(
      pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readiness,
    );
  }
  return cells;
}

function jobStatusText(obj: KObject, conditions: readonly JobCondition[]): string {
  const has = (type: string) => conditions.find((c) => c.type === type)?.status === 'True';
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (obj.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobRow(obj: KObject, ctx: RowContext): string[] {
  const spec = field<JobSpec>(obj, 'spec');
  const status = field<JobStatus>(obj, 'status');
  const succeeded = status.succeeded ?? 0;
  let completions: string;
  if (spec.completions !== undefined && spec.completions !== null) completions = `${succeeded}/${spec.completions}`;
  else if ((spec.parallelism ?? 0) > 1) completions = `${succeeded}/1 of ${spec.parallelism}`;
  else completions = `${succeeded}/1`;
  const start = timestampMs(status.startTime);
  const end = timestampMs(status.completionTime);
  const duration = start === undefined ? '' : end === undefined ? since(ctx.nowMs, start) : humanDuration(end - start);
  const cells = [obj.metadata.name, jobStatusText(obj, status.conditions ?? []), completions, duration, age(obj, ctx)];
  if (ctx.wide) cells.push(...containerCells(spec.template?.spec?.containers), formatLabelSelector(spec.selector));
  return cells;
}

/** Workload printers by kind. */
export const WORKLOAD_PRINTERS: Record<string, KindPrinter> = {
  Pod: {
    columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wideColumns: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row: podRow,
  },
  StatefulSet: {
    columns: ['NAME', 'READY', 'AGE'],
    wideColumns: ['CONTAINERS', 'IMAGES'],
    row(obj, ctx) {
      const spec = field<StatefulSetSpec>(obj, 'spec');
      const status = field<StatefulSetStatus>(obj, 'status');
      const cells = [obj.metadata.name, `${status.readyReplicas ?? 0}/${spec.replicas ?? 1}`, age(obj, ctx)];
      if (ctx.wide) cells.push(...containerCells(spec.template?.spec?.containers));
      return cells;
    },
  },
  Deployment: {
    columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row(obj, ctx) {
      const spec = field<DeploymentSpec>(obj, 'spec');
      const status = field<DeploymentStatus>(obj, 'status');
      const cells = [
        obj.metadata.name,
        `${status.readyReplicas ?? 0}/${spec.replicas ?? 1}`,
        String(status.updatedReplicas ?? 0),
        String(status.availableReplicas ?? 0),
        age(obj, ctx),
      ];
      if (ctx.wide) cells.push(...containerCells(spec.template?.spec?.containers), selectorString(spec.selector));
      return cells;
    },
  },
  ReplicaSet: {
    columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row(obj, ctx) {
      const spec = field<ReplicaSetSpec>(obj, 'spec');
      const status = field<ReplicaSetStatus>(obj, 'status');
      const cells = [obj.metadata.name, String(spec.replicas ?? 1), String(status.replicas ?? 0), String(status.readyReplicas ?? 0), age(obj, ctx)];
      if (ctx.wide) cells.push(...containerCells(spec.template?.spec?.containers), formatLabelSelector(spec.selector));
      return cells;
    },
  },
  DaemonSet: {
    columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row(obj, ctx) {
      const spec = field<DaemonSetSpec>(obj, 'spec');
      const s = field<DaemonSetStatus>(obj, 'status');
      const cells = [
        obj.metadata.name,
        String(s.desiredNumberScheduled ?? 0),
        String(s.currentNumberScheduled ?? 0),
        String(s.numberReady ?? 0),
        String(s.updatedNumberScheduled ?? 0),
        String(s.numberAvailable ?? 0),
        formatLabels(spec.template?.spec?.nodeSelector),
        age(obj, ctx),
      ];
      if (ctx.wide) cells.push(...containerCells(spec.template?.spec?.containers), formatLabelSelector(spec.selector));
      return cells;
    },
  },
  Job: {
    columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: jobRow,
  },
  CronJob: {
    columns: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row(obj, ctx) {
      const spec = field<CronJobSpec>(obj, 'spec');
      const status = field<CronJobStatus>(obj, 'status');
      const last = status.lastScheduleTime ? since(ctx.nowMs, timestampMs(status.lastScheduleTime)) : '<none>';
      // The API server defaults `suspend` to false, so an unset field prints like false.
      const cells = [obj.metadata.name, spec.schedule ?? '', spec.timeZone ?? '<none>', boolText(spec.suspend), String(status.active?.length ?? 0), last, age(obj, ctx)];
      if (ctx.wide) {
        const job = spec.jobTemplate?.spec;
        cells.push(...containerCells(job?.template?.spec?.containers), formatLabelSelector(job?.selector));
      }
      return cells;
    },
  },
  ControllerRevision: {
    columns: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
    row(obj, ctx) {
      const ref = controllerOf(obj);
      let controller = '<none>';
      if (ref) {
        const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
        controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
      }
      return [obj.metadata.name, controller, String((obj as { revision?: number }).revision ?? 0), age(obj, ctx)];
    },
  },
};
