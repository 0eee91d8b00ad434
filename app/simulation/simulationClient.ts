// The main thread's handle on the simulation worker: typed, promise-based requests; a journal of
// what the user did; and recovery. If the worker throws or dies, the client reports it, starts a
// new worker and replays the scenario plus the journal, so the user loses nothing (DESIGN §4).
// A worker that leaves a request unanswered for STALL_MS (an endless loop) is treated the same way.
import type { JournalEntry, SimulationRequest, SimulationResponse, Snapshot } from '../../src/protocol/messages';
import { NO_GRAPH, PROTOCOL_VERSION } from '../../src/protocol/messages';
import type { Message } from '../i18n/i18n';

/** The part of `Worker` the client uses (tests pass an in-thread stand-in). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<SimulationResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: SimulationRequest): void;
  terminate(): void;
}

/** Parts of a snapshot that most play frames repeat unchanged (a worker message is always a new copy). */
const REPEATED = ['events', 'narration', 'names', 'diagnostics', 'inspected'] as const;

/** The repeated parts of the last snapshot, each with its JSON (so each frame serializes only the new one). */
type RepeatedParts = Partial<Record<(typeof REPEATED)[number], { value: unknown; json: string }>>;

/**
 * `next`, with each repeated part that equals the previous snapshot's replaced by that same object,
 * so that the page's selectors see no change and nothing re-renders (the event log's 200 rows on
 * every frame of play, say). Returns the snapshot and its parts for the next call.
 */
function keepUnchanged(previous: RepeatedParts, next: Snapshot): { snapshot: Snapshot; parts: RepeatedParts } {
  const snapshot: Snapshot = { ...next };
  const parts: RepeatedParts = {};
  for (const part of REPEATED) {
    const value = next[part];
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    const before = previous[part];
    parts[part] = before?.json === json ? before : { value, json };
    Object.assign(snapshot, { [part]: parts[part].value });
  }
  return { snapshot, parts };
}

/** A request without its id (the client numbers requests). */
export type RequestBody = SimulationRequest extends infer R ? (R extends SimulationRequest ? Omit<R, 'requestId'> : never) : never;

export type ClientEvent =
  | { type: 'snapshot'; snapshot: Snapshot }
  /** `message` is English (logs, tests); `reason` is the same as a `crash.*` key for the page's language. */
  | { type: 'crashed'; message: string; reason: Message }
  | { type: 'restarted'; replayed: number };

export interface SimulationClient {
  /** Sends a request; resolves with the snapshot that answers it. */
  request(body: RequestBody): Promise<Snapshot>;
  /** Every snapshot (answers and play frames) and crash/restart notices. Returns an unsubscribe. */
  subscribe(listener: (event: ClientEvent) => void): () => void;
  /** What the user did since the last load (replayed after a restart). */
  journal(): readonly JournalEntry[];
  /** The scenario replayed after a restart: the one loaded, or its shortened script after a branch inside it. */
  scenarioText(): string | undefined;
  dispose(): void;
}

interface Pending {
  resolve: (snapshot: Snapshot) => void;
  reject: (error: Error) => void;
  /** The stall watchdog of this request. */
  timer?: ReturnType<typeof setTimeout>;
}

export interface ClientOptions {
  /** Wall-clock ms a request may go unanswered before the worker counts as stalled (default 5 s). */
  stallMs?: number;
}

/** How long the worker may leave a request unanswered before it is restarted. */
export const STALL_MS = 5000;

function createBrowserWorker(): WorkerLike {
  return new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

export function createSimulationClient(createWorker: () => WorkerLike = createBrowserWorker, options: ClientOptions = {}): SimulationClient {
  const stallMs = options.stallMs ?? STALL_MS;
  const listeners = new Set<(event: ClientEvent) => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let scenarioText: string | undefined;
  let journal: JournalEntry[] = [];
  /** The last snapshot's graph: a message without one (the cluster did not change) keeps it. */
  let graph: Snapshot['graph'] = NO_GRAPH;
  /** The last snapshot's repeated parts, reused by the next one when unchanged. */
  let parts: RepeatedParts = {};
  let worker: WorkerLike;
  let disposed = false;

  const emit = (event: ClientEvent) => {
    for (const listener of listeners) listener(event);
  };

  const rejectAll = (message: string) => {
    for (const [, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new Error(message));
    }
    pending.clear();
  };

  /** Posts a request and starts its watchdog: no answer within `stallMs` → `onStall`. */
  const post = (request: SimulationRequest, entry: Pending, onStall: () => void) => {
    entry.timer = setTimeout(() => {
      if (pending.get(request.requestId) === entry) onStall();
    }, stallMs);
    pending.set(request.requestId, entry);
    worker.postMessage(request);
  };

  const stalled = () => restart(`the simulation did not answer for ${stallMs / 1000} s`, { key: 'crash.stalled', values: { seconds: stallMs / 1000 } });

  const restart = (message: string, reason: Message, replayJournal = true) => {
    if (disposed) return;
    worker.terminate();
    rejectAll(message);
    emit({ type: 'crashed', message, reason });
    worker = start();
    if (scenarioText === undefined) return;
    // A replay that stalls again is given up: the scenario is loaded without the user's steps.
    if (!replayJournal) journal = [];
    const replay = [...journal];
    post(
      { type: 'load', requestId: nextId++, scenarioText, replay },
      { resolve: () => emit({ type: 'restarted', replayed: replay.length }), reject: () => undefined },
      replay.length
        ? () =>
            restart(
              `replaying your ${replay.length} step(s) stalled the simulation again; it was reloaded without them`,
              { key: 'crash.replayStalled', values: { count: replay.length } },
              false,
            )
        : stalled,
    );
  };

  const onResponse = (response: SimulationResponse) => {
    if (response.protocol !== PROTOCOL_VERSION) {
      restart(`the simulation worker speaks protocol ${response.protocol}, not ${PROTOCOL_VERSION}`, {
        key: 'crash.protocol',
        values: { got: response.protocol, want: PROTOCOL_VERSION },
      });
      return;
    }
    if (response.type === 'error') {
      restart(`the simulation stopped with an error: ${response.message}`, { key: 'crash.error', values: { message: response.message } });
      return;
    }
    // A branch at a past moment dropped the later steps: so does the journal replayed after a restart.
    if (response.branch) journal.length = Math.min(journal.length, response.branch.journalKept);
    if (response.scenarioText !== undefined) scenarioText = response.scenarioText;
    journal.push(...response.journal);
    const kept = keepUnchanged(parts, { ...response, graph: response.graph ?? graph });
    const { snapshot } = kept;
    graph = snapshot.graph;
    parts = kept.parts;
    emit({ type: 'snapshot', snapshot });
    if (response.requestId !== undefined) {
      const p = pending.get(response.requestId);
      pending.delete(response.requestId);
      clearTimeout(p?.timer);
      p?.resolve(snapshot);
    }
  };

  function start(): WorkerLike {
    const w = createWorker();
    graph = NO_GRAPH;
    parts = {};
    // A message or an error still on its way from a worker already replaced is the old cluster's: dropped.
    w.onmessage = (event) => {
      if (w === worker) onResponse(event.data);
    };
    w.onerror = (event) => {
      event.preventDefault();
      if (w !== worker) return;
      restart(
        `the simulation worker failed: ${event.message || 'it could not be loaded'}`,
        event.message ? { key: 'crash.workerFailed', values: { message: event.message } } : { key: 'crash.workerNotLoaded' },
      );
    };
    return w;
  }
  worker = start();

  return {
    request(body) {
      if (body.type === 'load') {
        scenarioText = body.scenarioText;
        journal = [...(body.replay ?? [])];
      }
      const requestId = nextId++;
      return new Promise<Snapshot>((resolve, reject) => {
        post({ ...body, requestId } as SimulationRequest, { resolve, reject }, stalled);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    journal: () => journal,
    scenarioText: () => scenarioText,
    dispose() {
      disposed = true;
      worker.terminate();
      rejectAll('the simulation was stopped');
    },
  };
}
