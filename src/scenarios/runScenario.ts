/**
 * The headless runner: builds the cluster a scenario describes and runs its
 * script through a Session, returning every step's output and the final
 * state. The CLI, the tests, the lessons and the browser worker all use it.
 */
import { parseAllDocuments } from 'yaml';
import { createClusterState, type NodeShape } from '../engine/bootstrap';
import type { ClusterState } from '../engine/clusterState';
import { reconcile } from '../engine/simulation';
import { Session } from '../kubectl/session';
import type { Scenario } from './scenario';

export interface Step {
  command: string;
  /** The prompt the line was typed at: `$` or a pod shell's `/ #`. */
  prompt: string;
  /** Simulated ms when the command started. */
  at: number;
  output: string;
  exitCode: number;
}

export interface RunResult {
  scenario: Scenario;
  steps: Step[];
  state: ClusterState;
  session: Session;
}

/** Nodes declared as `kind: Node` documents in the workspace replace the default nodes. */
export function nodesFromFiles(files: Record<string, string>): NodeShape[] {
  const nodes: NodeShape[] = [];
  for (const text of Object.values(files)) {
    for (const doc of parseAllDocuments(text)) {
      if ('errors' in doc && doc.errors.length) continue;
      let js: unknown;
      try {
        js = doc.toJS({ maxAliasCount: 100 });
      } catch {
        continue;
      }
      const obj = js as { kind?: string; metadata?: { name?: string; labels?: Record<string, string> }; spec?: { taints?: NodeShape['taints'] }; status?: { capacity?: Record<string, string> } } | null;
      if (obj?.kind !== 'Node' || !obj.metadata?.name) continue;
      nodes.push({
        name: obj.metadata.name,
        labels: obj.metadata.labels,
        taints: obj.spec?.taints,
        cpu: obj.status?.capacity?.['cpu'],
        memory: obj.status?.capacity?.['memory'],
        pods: obj.status?.capacity?.['pods'] ? Number(obj.status.capacity['pods']) : undefined,
      });
    }
  }
  return nodes;
}

/** Creates the scenario's initial cluster. */
export function createScenarioState(scenario: Scenario): ClusterState {
  const fileNodes = nodesFromFiles(scenario.files);
  const state = createClusterState({
    seed: scenario.seed,
    startTime: scenario.startTime,
    nodes: fileNodes.length ? fileNodes : scenario.cluster?.nodes,
    timing: scenario.timing,
    missingImages: scenario.cluster?.missingImages,
    defaultStorageClass: scenario.cluster?.defaultStorageClass,
  });
  reconcile(state);
  return state;
}

/** Runs the whole script. */
export function runScenario(scenario: Scenario): RunResult {
  const state = createScenarioState(scenario);
  const session = new Session(state, { ...scenario.files });
  const steps: Step[] = [];
  for (const command of scenario.script) {
    const prompt = session.shellPrompt?.trim() ?? '$';
    const result = session.run(command);
    steps.push({ command, prompt, at: result.at, output: result.output, exitCode: result.exitCode });
  }
  return { scenario, steps, state, session };
}
