/**
 * The machine-readable record of a run (`sim --json`): steps, every Event,
 * every pod change with its kubectl STATUS, every object at the end, and the
 * DNS records served at the end.
 */
import { allRecords } from '../dns/resolve';
import { podReadyText, podRestarts, podStatusText, type PodObject } from '../model/pod';
import { kindInfo } from '../model/kinds';
import type { RunResult } from './runScenario';

export function toJsonRecord(result: RunResult) {
  const { state } = result;
  const events = state.events.map((e) => ({
    at: e.firstAt,
    lastAt: e.lastAt,
    type: e.type,
    reason: e.reason,
    object: `${e.involved.kind.toLowerCase()}/${e.involved.name}`,
    source: e.source,
    message: e.message,
    count: e.count,
  }));
  const watch = state.changes
    .filter((c) => c.kind === 'Pod')
    .map((c) => {
      const pod = c.object as PodObject;
      return {
        at: c.at,
        type: c.type,
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        status: podStatusText(pod),
        ready: podReadyText(pod),
        restarts: podRestarts(pod),
        node: pod.spec?.nodeName ?? null,
        ip: pod.status?.podIP ?? null,
      };
    });
  const objects = Object.keys(state.objects)
    .sort((a, b) => (kindInfo(a)?.plural ?? a).localeCompare(kindInfo(b)?.plural ?? b))
    .flatMap((kind) => (state.index[kind] ?? []).map((key) => state.objects[kind]?.[key]));
  return {
    scenario: result.scenario.name,
    seed: result.scenario.seed,
    steps: result.steps.map((s) => ({ command: s.command, at: s.at, output: s.output, exitCode: s.exitCode })),
    events,
    watch,
    objects,
    dns: allRecords(state),
  };
}
