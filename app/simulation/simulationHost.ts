// The simulation behind the worker: owns the scenario state and the kubectl Session, turns requests
// into command lines, records the journal, and builds snapshots. No globals (no self, no timers):
// the worker entry feeds it requests and play ticks, and tests drive it directly in Node.
import type { ClusterState } from '../../src/engine/clusterState';
import { advanceBy, nextActivityAt } from '../../src/engine/simulation';
import { getObject, listObjects } from '../../src/engine/store';
import { layoutGraph, type LayoutMemory } from '../../src/graph/layout';
import { toGraphModel } from '../../src/graph/toGraphModel';
import { checkFile } from '../../src/kubectl/commands/apply';
import { describe } from '../../src/kubectl/printers/describe';
import { printYaml } from '../../src/kubectl/printers/formats';
import { Session } from '../../src/kubectl/session';
import type { Diagnostic } from '../../src/manifest/diagnostics';
import type { EventRow, JournalEntry, ObjectRef, SimulationRequest, Snapshot } from '../../src/protocol/messages';
import { NO_GRAPH, PROTOCOL_VERSION } from '../../src/protocol/messages';
import { parseScenario } from '../../src/scenarios/parseScenario';
import { createScenarioState } from '../../src/scenarios/runScenario';
import type { LessonBaseline, LessonCheck } from '../../src/lessons/checks';
import { captureBaseline, evaluateChecks } from '../../src/lessons/evaluateChecks';
import { narrateSince } from '../../src/narration/narrate';
import { createNarrationMemory, type NarrationLine, type NarrationMemory } from '../../src/narration/narrationLine';
import { formatClock } from '../playback/formatClock';
import { formatDiagnostic } from './formatDiagnostic';
import { TimelineView } from './timelineView';

const EVENT_LIMIT = 200;
/** Narration lines a snapshot carries (the newest). */
const NARRATION_LIMIT = 100;
const MIN_SPEED = 0.25;
const MAX_SPEED = 20;
/** Kinds offered by tab completion, with the names kubectl accepts for them. */
const COMPLETION_KINDS = ['Pod', 'StatefulSet', 'Deployment', 'ReplicaSet', 'Job', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'Node', 'StorageClass', 'ConfigMap', 'Secret'];

export class SimulationHost {
  private state: ClusterState | undefined;
  private session: Session | undefined;
  private layoutMemory: LayoutMemory | undefined;
  /** The graph last drawn, reused while its cluster has written nothing since (most play frames). */
  private drawn: { state: ClusterState; rv: number; graph: Snapshot['graph'] } | undefined;
  private terminal: string[] = [];
  private journal: JournalEntry[] = [];
  private diagnostics: Record<string, Diagnostic[]> = {};
  private dirtyFiles = new Set<string>();
  private inspected: ObjectRef | null = null;
  private unrecordedMs = 0;
  private fraction = 0;
  private title: string | undefined;
  /** The timeline: when each step ran, the past moment shown, branching (timelineView.ts). */
  private timeline = new TimelineView();
  /** A branch made by the current request, reported in its snapshot. */
  private branched: Snapshot['branch'];
  private branchedScenario: string | undefined;
  /** The open lesson step's checks and the cluster they compare with (`checks` request). */
  private lessonChecks: { key: string; checks: LessonCheck[]; baseline: LessonBaseline } | undefined;
  /** The story of each state drawn (the live one, a replayed past moment), read on incrementally. */
  private narrations = new WeakMap<ClusterState, { memory: NarrationMemory; lines: NarrationLine[] }>();
  playing = false;
  speed = 1;

  /** Handles one request and returns the snapshot that answers it. Throws only on engine bugs. */
  handle(request: SimulationRequest): Snapshot {
    let result: Snapshot['result'];
    let files: Record<string, string> | undefined;
    // Acting at a past moment makes it the live one first (an editor's undo, then the action).
    if (request.type === 'command' || request.type === 'play' || request.type === 'step' || request.type === 'untilStable') this.branch();
    switch (request.type) {
      case 'load':
        files = this.load(request.scenarioText, request.replay ?? [], request.origin);
        break;
      case 'command':
        result = this.command(request.line, request.echo);
        break;
      case 'play':
        this.playing = true;
        break;
      case 'pause':
        this.playing = false;
        this.recordAdvance();
        break;
      case 'speed':
        this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, request.speed));
        break;
      case 'step': {
        const next = this.state ? nextActivityAt(this.state) : undefined;
        if (next !== undefined && this.state) result = this.command(`sim advance ${Math.max(1, Math.ceil(next - this.state.now))}ms`, true);
        break;
      }
      case 'untilStable':
        result = this.command('sim wait --stable', true);
        break;
      case 'editFile':
        if (this.session) {
          this.session.files[request.file] = request.text;
          this.dirtyFiles.add(request.file);
          this.diagnostics[request.file] = checkFile(request.text, request.file);
        }
        break;
      case 'inspect':
        this.inspected = request.ref;
        break;
      case 'interrupt':
        this.session?.closeWatches();
        this.terminal.push('^C');
        break;
      case 'scrub':
        this.playing = false;
        this.recordAdvance();
        if (this.state) this.timeline.view(request.moment, this.state.now);
        break;
      case 'checks':
        this.lessonChecks = request.checks.length && this.state ? { key: request.key, checks: request.checks, baseline: captureBaseline(this.state) } : undefined;
        break;
      case 'crashForTest':
        throw new Error('crash requested by a test');
    }
    return this.snapshot(request.requestId, result, files);
  }

  /** Advances simulated time by `realMs` × speed while playing; returns the frame's snapshot, if any. */
  tick(realMs: number): Snapshot | undefined {
    if (!this.playing || !this.state || !this.session) return undefined;
    const exact = realMs * this.speed + this.fraction;
    const ms = Math.floor(exact);
    this.fraction = exact - ms;
    if (ms > 0) {
      advanceBy(this.state, ms);
      this.unrecordedMs += ms;
      const watched = this.session.drainWatchOutput();
      if (watched) this.terminal.push(watched);
    }
    return this.snapshot();
  }

  private load(scenarioText: string, replay: JournalEntry[], origin: 'restart' | 'link' = 'restart'): Record<string, string> {
    const { scenario, diagnostics } = parseScenario(scenarioText);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (!scenario || errors.length) throw new Error(`the scenario cannot be read: ${errors.map((d) => formatDiagnostic(d)).join('; ')}`);
    this.state = createScenarioState(scenario);
    this.session = new Session(this.state, { ...scenario.files });
    this.timeline.reset(scenarioText, scenario);
    this.title = scenario.title ?? scenario.name;
    this.layoutMemory = undefined;
    this.terminal = [];
    this.journal = [];
    this.dirtyFiles.clear();
    this.unrecordedMs = 0;
    this.playing = false;
    for (const line of scenario.script) {
      const at = this.state.now;
      this.echoRun(line);
      this.timeline.record({ source: 'script', line, at, endAt: this.state.now });
    }
    if (replay.length) {
      for (const entry of replay) {
        const at = this.state.now;
        if (entry.type === 'file') this.session.files[entry.file] = entry.text;
        else this.session.run(entry.line);
        this.timeline.record({ source: 'journal', entry, at, endAt: this.state.now });
      }
      this.session.drainWatchOutput();
      this.journal = [...replay];
      this.terminal.push(
        origin === 'link' ? `# replayed ${replay.length} step(s) from the shared link` : `# restored ${replay.length} step(s) after a restart`,
      );
    }
    this.diagnostics = {};
    for (const [file, text] of Object.entries(this.session.files)) this.diagnostics[file] = checkFile(text, file);
    // The journal already holds the replayed entries; the client keeps its own copy of them.
    this.journal = [];
    return { ...this.session.files };
  }

  private echoRun(line: string): Snapshot['result'] {
    const session = this.session;
    if (!session) return undefined;
    const prompt = session.shellPrompt ?? '$ ';
    this.terminal.push(`${prompt}${line}`);
    const result = session.run(line);
    if (result.output) this.terminal.push(result.output);
    return { line, exitCode: result.exitCode, output: result.output };
  }

  private recordAdvance(): void {
    const now = this.state?.now ?? 0;
    if (this.unrecordedMs > 0) this.record({ type: 'line', line: `sim advance ${this.unrecordedMs}ms` }, now - this.unrecordedMs, now);
    this.unrecordedMs = 0;
  }

  /** Adds an entry to the journal and to the timeline's history (it ran from `at` to `endAt`). */
  private record(entry: JournalEntry, at: number, endAt: number): void {
    this.journal.push(entry);
    this.timeline.record({ source: 'journal', entry, at, endAt });
  }

  /** If a past moment is shown, makes it live: later steps are dropped, the editor's files carry over. */
  private branch(): void {
    const branch = this.timeline.branch();
    const live = this.session;
    if (!branch || !live) return;
    const { session } = branch.replayed;
    // The terminal's open `-w` streams go on, from the moment branched to.
    session.drainWatchOutput();
    session.adoptWatches(live);
    this.terminal.push(`# timeline: continuing from ${formatClock(branch.at)}${branch.dropped ? `, ${branch.dropped} later step(s) dropped` : ''}`);
    this.dirtyFiles.clear();
    for (const [file, text] of Object.entries(live.files)) {
      if (session.files[file] === text) continue;
      session.files[file] = text;
      this.dirtyFiles.add(file);
    }
    this.state = branch.replayed.state;
    this.session = session;
    this.unrecordedMs = branch.extraMs;
    this.fraction = 0;
    this.journal = [];
    this.branched = { at: branch.at, dropped: branch.dropped, journalKept: branch.journalKept };
    this.branchedScenario = branch.scenarioText;
  }

  private command(line: string, echo: boolean): Snapshot['result'] {
    const session = this.session;
    if (!session) return { line, exitCode: 1, output: 'error: no scenario is loaded' };
    this.recordAdvance();
    const at = this.state?.now ?? 0;
    for (const file of [...this.dirtyFiles].sort()) this.record({ type: 'file', file, text: session.files[file] ?? '' }, at, at);
    this.dirtyFiles.clear();
    const entry: JournalEntry = { type: 'line', line };
    this.journal.push(entry);
    let result: Snapshot['result'];
    if (echo) result = this.echoRun(line);
    else {
      const ran = session.run(line);
      if (ran.output) this.terminal.push(ran.output);
      result = { line, exitCode: ran.exitCode, output: ran.output };
    }
    this.timeline.record({ source: 'journal', entry, at, endAt: this.state?.now ?? at });
    return result;
  }

  /** The snapshot's timeline fields: markers when they changed, the moment shown, a branch just made. */
  private timelineFields(viewingAt: number | undefined): Pick<Snapshot, 'timeline' | 'viewing' | 'branch' | 'scenarioText'> {
    const fields: Pick<Snapshot, 'timeline' | 'viewing' | 'branch' | 'scenarioText'> = {};
    const live = this.state;
    const info = live && this.timeline.changedInfo(live);
    if (info) fields.timeline = info;
    if (viewingAt !== undefined && live) fields.viewing = { at: viewingAt, liveNow: live.now };
    if (this.branched) fields.branch = this.branched;
    if (this.branchedScenario !== undefined) fields.scenarioText = this.branchedScenario;
    this.branched = undefined;
    this.branchedScenario = undefined;
    return fields;
  }

  private events(state: ClusterState): EventRow[] {
    return state.events.slice(-EVENT_LIMIT).map((e) => {
      const ref: ObjectRef = { kind: e.involved.kind, name: e.involved.name };
      if (e.involved.namespace) ref.namespace = e.involved.namespace;
      return {
        key: e.name,
        lastAt: e.lastAt,
        type: e.type,
        reason: e.reason,
        object: `${e.involved.kind.toLowerCase()}/${e.involved.name}`,
        involved: ref,
        message: e.message,
        count: e.count,
      };
    });
  }

  /** The newest narration lines of `state`, reading only what changed since the last snapshot of it. */
  private narration(state: ClusterState): NarrationLine[] {
    const told = this.narrations.get(state) ?? { memory: createNarrationMemory(), lines: [] };
    const { lines, memory } = narrateSince(state, told.memory);
    const all = lines.length ? [...told.lines, ...lines].slice(-NARRATION_LIMIT) : told.lines;
    this.narrations.set(state, { memory, lines: all });
    return all;
  }

  /**
   * The laid-out graph of `state`. The graph is a function of the cluster's objects alone
   * (`graphReuse.test.ts` checks it), so while the state has written nothing (same
   * resourceVersion) the last one is handed out again: the same object, which the worker then
   * leaves out of its message (`graphOmitter.ts`).
   */
  private graph(state: ClusterState): Snapshot['graph'] {
    const rv = state.counters.rv;
    if (this.drawn?.state === state && this.drawn.rv === rv) return this.drawn.graph;
    const layout = layoutGraph(toGraphModel(state), this.layoutMemory);
    this.layoutMemory = layout.memory;
    const graph = { nodes: layout.nodes, edges: layout.edges, width: layout.width, height: layout.height };
    this.drawn = { state, rv, graph };
    return graph;
  }

  private names(state: ClusterState): Record<string, string[]> {
    const names: Record<string, string[]> = {};
    for (const kind of COMPLETION_KINDS) names[kind] = [...new Set(listObjects(state, kind).map((o) => o.metadata.name))];
    return names;
  }

  private snapshot(requestId?: number, result?: Snapshot['result'], files?: Record<string, string>): Snapshot {
    // While a past moment is shown, everything drawn comes from its replayed state.
    const viewing = this.timeline.viewing;
    const state = viewing?.state ?? this.state;
    const session = viewing?.session ?? this.session;
    const snapshot: Snapshot = {
      type: 'snapshot',
      protocol: PROTOCOL_VERSION,
      now: state?.now ?? 0,
      epochMs: state?.epochMs ?? 0,
      playing: this.playing,
      speed: this.speed,
      graph: state ? this.graph(state) : NO_GRAPH,
      events: state ? this.events(state) : [],
      terminal: this.terminal.join('\n'),
      prompt: session?.shellPrompt ?? '$ ',
      diagnostics: this.diagnostics,
      names: state ? this.names(state) : {},
      journal: this.journal,
    };
    if (snapshot.terminal) snapshot.terminal += '\n';
    this.terminal = [];
    this.journal = [];
    if (requestId !== undefined) snapshot.requestId = requestId;
    if (result) snapshot.result = result;
    if (files) snapshot.files = files;
    if (this.title) snapshot.scenarioTitle = this.title;
    if (state) snapshot.narration = this.narration(state);
    if (this.lessonChecks && this.state) {
      const { key, checks, baseline } = this.lessonChecks;
      snapshot.checks = { key, results: evaluateChecks(checks, this.state, baseline) };
    }
    Object.assign(snapshot, this.timelineFields(viewing?.at));
    if (state && this.inspected) {
      const { kind, namespace, name } = this.inspected;
      const obj = getObject(state, kind, namespace, name) ?? getObject(state, kind, undefined, name);
      snapshot.inspected = obj
        ? { ref: this.inspected, describe: describe(state, obj), yaml: printYaml([obj], true), exists: true }
        : { ref: this.inspected, describe: `${kind} ${name} no longer exists.`, yaml: '', exists: false };
    }
    return snapshot;
  }
}
