/**
 * The event recorder: Kubernetes Events with the aggregation of client-go's
 * EventCorrelator (same object, reason, message and source → count + 1).
 */
import type { KObject } from '../model/objects';
import type { ClusterState, EventRecord } from './clusterState';

/** Records an Event about `obj`. `source` is the component (`statefulset-controller`, `kubelet`...). */
export function recordEvent(
  state: ClusterState,
  obj: KObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  source: string,
  extra: { host?: string; fieldPath?: string } = {},
): void {
  const uid = obj.metadata.uid ?? '';
  const key = `${uid}|${reason}|${message}|${source}`;
  const existing = state.eventIndex[key];
  if (existing !== undefined) {
    const ev = state.events[existing] as EventRecord;
    ev.count += 1;
    ev.lastAt = state.now;
    return;
  }
  state.counters.eventName += 1;
  const record: EventRecord = {
    // Real event names are `<object>.<creation time in ns, hex>`.
    name: `${obj.metadata.name}.${(BigInt(state.epochMs + state.now) * 1000000n + BigInt(state.counters.eventName)).toString(16)}`,
    firstAt: state.now,
    lastAt: state.now,
    count: 1,
    type,
    reason,
    message,
    source,
    involved: {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid,
      apiVersion: obj.apiVersion,
    },
  };
  if (extra.host) record.host = extra.host;
  if (extra.fieldPath) record.involved.fieldPath = extra.fieldPath;
  state.eventIndex[key] = state.events.length;
  state.events.push(record);
}

/**
 * Records an Event only if this object never had the same one (same reason,
 * message and source). For conditions a controller re-checks on every pass
 * (WaitForFirstConsumer, FailedScheduling, Multi-Attach) so that a pass that
 * changes nothing does not inflate the count.
 */
export function recordEventOnce(
  state: ClusterState,
  obj: KObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  source: string,
  extra: { host?: string; fieldPath?: string } = {},
): void {
  const key = `${obj.metadata.uid ?? ''}|${reason}|${message}|${source}`;
  if (state.eventIndex[key] !== undefined) return;
  recordEvent(state, obj, type, reason, message, source, extra);
}
