/**
 * `kubectl describe job`, after `describeJob` in
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go` (R16).
 */
import type { JobSpec, JobStatus } from 'kubernetes-types/batch/v1';
import type { ClusterState } from '../../engine/clusterState';
import { humanDuration } from '../../model/duration';
import { controllerOf, type KObject } from '../../model/objects';
import { describePodTemplate } from './describeContainers';
import { DescribeWriter, LEVEL_0, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { rfc1123zOf, selectorString, timestampMs } from './textFormat';

function completedIndexes(indexes: string | undefined): string {
  if (!indexes) return '<none>';
  let ix = 50;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

/** Describes a Job. */
export function describeJob(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as JobSpec;
  const status = (obj['status'] ?? {}) as JobStatus;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  const owner = controllerOf(obj);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, spec.completions !== undefined && spec.completions !== null ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123zOf(status.startTime)}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123zOf(status.completionTime)}\n`);
  const start = timestampMs(status.startTime);
  const end = timestampMs(status.completionTime);
  if (start !== undefined && end !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(end - start)}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  w.write(
    LEVEL_0,
    status.ready === undefined ? `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n` : `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`,
  );
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${completedIndexes(status.completedIndexes)}\n`);
  describePodTemplate(w, spec.template);
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
