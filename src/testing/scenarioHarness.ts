/**
 * Test helpers over a scenario run: parse + run a scenario file and query its
 * outputs, events and watch log by intent (house style §4.9).
 */
import type { EventRecord } from '../engine/clusterState';
import { getObject, listObjects } from '../engine/store';
import type { KObject } from '../model/objects';
import { podReadyText, podRestarts, podStatusText, type PodObject } from '../model/pod';
import { parseScenario } from '../scenarios/parseScenario';
import { runScenario, type RunResult } from '../scenarios/runScenario';

/** Parses and runs a scenario, failing loudly on diagnostics. */
export function runScenarioText(text: string): RunResult {
  const { scenario, diagnostics } = parseScenario(text, 'scenario.yaml');
  if (!scenario) throw new Error(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  return runScenario(scenario);
}

/** The output of the first step whose command equals (or starts with) `command`. */
export function outputOf(result: RunResult, command: string, nth = 0): string {
  const exact = result.steps.filter((s) => s.command === command);
  const steps = exact.length ? exact : result.steps.filter((s) => s.command.startsWith(command));
  const step = steps[nth];
  if (!step) throw new Error(`no step ${command} (#${nth})`);
  return step.output;
}

/** Events about one object (`kind/name`), in recording order. */
export function eventsOf(result: RunResult, object: string): EventRecord[] {
  const [kind, name] = object.split('/') as [string, string];
  return result.state.events.filter((e) => e.involved.kind.toLowerCase() === kind.toLowerCase() && e.involved.name === name);
}

/** `<reason> <message>` lines of an object's events. */
export function eventLines(result: RunResult, object: string): string[] {
  return eventsOf(result, object).map((e) => `${e.reason} ${e.message}`);
}

/** Pod watch rows as `name ready status restarts` in order, optionally for one pod. */
export function podTimeline(result: RunResult, name?: string): string[] {
  return result.state.changes
    .filter((c) => c.kind === 'Pod' && (!name || c.object.metadata.name === name))
    .map((c) => {
      const pod = c.object as PodObject;
      return `${c.type === 'DELETED' ? 'DELETED ' : ''}${pod.metadata.name} ${podReadyText(pod)} ${podStatusText(pod)} ${podRestarts(pod)}`;
    });
}

/** Distinct pod names in order of first appearance (ADDED order). */
export function addedOrder(result: RunResult): string[] {
  return result.state.changes.filter((c) => c.kind === 'Pod' && c.type === 'ADDED').map((c) => c.object.metadata.name);
}

export function pod(result: RunResult, name: string, namespace = 'default'): PodObject | undefined {
  return getObject<PodObject>(result.state, 'Pod', namespace, name);
}

export function objects<T = KObject>(result: RunResult, kind: string): T[] {
  return listObjects<T>(result.state, kind);
}

/** Splits a table into rows of cells (whitespace-separated). */
export function tableRows(output: string): string[][] {
  return output
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/));
}
