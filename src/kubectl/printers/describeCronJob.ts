/**
 * `kubectl describe cronjob`, after `describeCronJob` and
 * `describeJobTemplate` in `staging/src/k8s.io/kubectl/pkg/describe/describe.go`
 * (R16.5).
 */
import type { CronJobSpec, CronJobStatus } from 'kubernetes-types/batch/v1';
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { describePodTemplate } from './describeContainers';
import { DescribeWriter, LEVEL_0, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { boolText, rfc1123zOf, selectorString } from './textFormat';

function orUnset(value: number | string | undefined | null, suffix = ''): string {
  return value === undefined || value === null ? '<unset>' : `${value}${suffix}`;
}

/** Describes a CronJob. */
export function describeCronJob(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as CronJobSpec;
  const status = (obj['status'] ?? {}) as CronJobStatus;
  const job = spec.jobTemplate?.spec;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? 'Allow'}\n`);
  w.write(LEVEL_0, `Suspend:\t${boolText(spec.suspend)}\n`);
  w.write(LEVEL_0, `Time Zone:\t${orUnset(spec.timeZone)}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit ?? 3)}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit ?? 1)}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, 's')}\n`);
  w.write(LEVEL_0, `Selector:\t${job?.selector ? selectorString(job.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${orUnset(job?.parallelism)}\n`);
  w.write(LEVEL_0, `Completions:\t${orUnset(job?.completions)}\n`);
  if (job?.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${job.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, job?.template);
  w.write(LEVEL_0, `Last Schedule Time:\t${status.lastScheduleTime ? rfc1123zOf(status.lastScheduleTime) : '<unset>'}\n`);
  const active = (status.active ?? []).map((r) => r.name ?? '');
  w.write(LEVEL_0, `Active Jobs:\t${active.length ? active.join(', ') : '<none>'}\n`);
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
