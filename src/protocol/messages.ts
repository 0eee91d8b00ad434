/**
 * The messages between the browser's main thread (`app/simulation/simulationClient.ts`) and the
 * simulation worker (`app/simulation/simulation.worker.ts`). Plain data: they cross postMessage.
 * Every user action reaches the worker as a command line (DESIGN §1); the worker answers each
 * request with one `snapshot` (or an `error`) and, while playing, posts a snapshot per frame.
 */
import type { GraphEdge } from '../graph/graphModel';
import type { PlacedNode } from '../graph/layout';
import type { Diagnostic } from '../manifest/diagnostics';
import type { LessonCheck } from '../lessons/checks';
import type { NarrationLine } from '../narration/narrationLine';

/** Bumped whenever a message shape changes; the client refuses a worker that speaks another version. */
export const PROTOCOL_VERSION = 1;

/**
 * What the user did since the scenario was loaded, in order: enough to rebuild the state after a
 * worker restart (the scenario's own script is replayed by `load`).
 *
 * @example
 * [{ type: 'file', file: 'web.yaml', text: '…replicas: 4…' }, { type: 'line', line: 'sim advance 1500ms' },
 *  { type: 'line', line: 'kubectl apply -f web.yaml' }]
 */
export type JournalEntry = { type: 'file'; file: string; text: string } | { type: 'line'; line: string };

/** An object the inspector shows. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * Main thread → worker. `requestId` pairs a request with its answering snapshot.
 *
 * @example
 * { type: 'command', requestId: 7, line: 'kubectl delete pod web-1', echo: true }
 */
export type SimulationRequest = { requestId: number } & (
  | { type: 'load'; scenarioText: string; replay?: JournalEntry[]; /** Why steps are replayed: a worker restart (default) or a shared link. */ origin?: 'restart' | 'link' }
  | { type: 'command'; line: string; echo: boolean }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; speed: number }
  | { type: 'step' }
  | { type: 'untilStable' }
  | { type: 'editFile'; file: string; text: string }
  | { type: 'inspect'; ref: ObjectRef | null }
  | { type: 'interrupt' }
  /** Shows the cluster as it was at `moment` (simulated ms), replayed apart from the live state; null = back to live. */
  | { type: 'scrub'; moment: number | null }
  /**
   * A lesson step's checks: from now on every snapshot carries whether each holds (`checks`),
   * judged against the cluster as it is now (the step's baseline). `key` names the step; an empty
   * list stops checking.
   */
  | { type: 'checks'; key: string; checks: LessonCheck[] }
  /** Makes the worker throw, so tests can check that the page restarts it and replays the journal. */
  | { type: 'crashForTest' }
);

/** One row of the event log (`kubectl get events` columns). */
export interface EventRow {
  key: string;
  lastAt: number;
  type: 'Normal' | 'Warning';
  reason: string;
  /** `pod/web-0` */
  object: string;
  involved: ObjectRef;
  message: string;
  count: number;
}

/** The inspected object, rendered by kubectl's printers. */
export interface InspectedObject {
  ref: ObjectRef;
  describe: string;
  yaml: string;
  exists: boolean;
}

/**
 * Worker → main thread: the state of the simulation as the UI draws it.
 *
 * @example
 * { type: 'snapshot', protocol: 1, requestId: 3, now: 42000, playing: false, speed: 1, graph: {…}, terminal: '$ kubectl get pvc\r\n…' }
 */
export interface Snapshot {
  type: 'snapshot';
  protocol: number;
  requestId?: number;
  /** Simulated ms since the scenario started, and the wall clock of t=0. */
  now: number;
  epochMs: number;
  playing: boolean;
  speed: number;
  graph: { nodes: PlacedNode[]; edges: GraphEdge[]; width: number; height: number };
  /** The most recent events, oldest first. */
  events: EventRow[];
  /** Terminal output produced since the previous snapshot (`\n` line ends). */
  terminal: string;
  /** The prompt for the next line: `$ ` or a pod shell's. */
  prompt: string;
  /** The workspace files; sent only when they were (re)loaded. */
  files?: Record<string, string>;
  /** Editor diagnostics per file (YAML, schema and API-server validation). */
  diagnostics: Record<string, Diagnostic[]>;
  /** Object names per kind, for tab completion. */
  names: Record<string, string[]>;
  inspected?: InspectedObject;
  /** Journal entries recorded since the previous snapshot. */
  journal: JournalEntry[];
  /** The outcome of a `command`, `step` or `untilStable` request. */
  result?: { line: string; exitCode: number; output: string };
  scenarioTitle?: string;
  /** The story so far in plain-language lines (the most recent ones, oldest first); see src/narration. */
  narration?: NarrationLine[];
  /** The lesson step's checks (`checks` request `key`), evaluated on the live state of this snapshot. */
  checks?: { key: string; results: boolean[] };
  /** The timeline's markers, when they changed since the previous snapshot. */
  timeline?: TimelineInfo;
  /** Set while the snapshot shows a past moment (`now` is that moment); `liveNow` is the head's time. */
  viewing?: { at: number; liveNow: number };
  /**
   * An action at a past moment branched the history: the client keeps only the first `journalKept`
   * entries of its journal (then appends `journal`); `dropped` later commands were dropped.
   */
  branch?: { at: number; dropped: number; journalKept: number };
  /** The scenario the worker now replays, when a branch inside the scenario's own script shortened it. */
  scenarioText?: string;
}

/** A marker on the timeline: a command that ran, or notable events of one instant grouped by reason. */
export interface TimelineMarker {
  /** Simulated ms. */
  at: number;
  kind: 'command' | 'event' | 'warning';
  /** The command line, or `SuccessfulCreate ×3: pod/web-2, pod/web-3, pod/web-4` (Kubernetes' own words). */
  label: string;
  /** Events in the group (1 for a command). */
  count: number;
}

/** What the timeline draws besides the clock: sent in a snapshot only when it changed. */
export interface TimelineInfo {
  /** When the scenario's own script ended (simulated ms). */
  scriptEnd: number;
  markers: TimelineMarker[];
}

/** Worker → main thread: the engine threw (a bug). The client restarts the worker and replays. */
export interface WorkerFailure {
  type: 'error';
  protocol: number;
  requestId?: number;
  message: string;
}

/** The graph of no cluster (before a scenario is loaded, or before a worker's first snapshot). */
export const NO_GRAPH: Snapshot['graph'] = { nodes: [], edges: [], width: 0, height: 0 };

/**
 * A snapshot as the worker posts it: `graph` is left out when it is the very graph of the previous
 * message (the cluster did not change: most play frames), and the client puts the previous one back.
 */
export type SnapshotMessage = Omit<Snapshot, 'graph'> & { graph?: Snapshot['graph'] };

export type SimulationResponse = SnapshotMessage | WorkerFailure;
