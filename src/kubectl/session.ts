/**
 * A terminal session on the simulated cluster: runs command lines, keeps
 * `kubectl get -w` streams open (printing rows as the cluster changes during
 * later commands, as a real terminal would), and routes lines into an
 * interactive pod shell after `kubectl exec -it … sh` or `kubectl run -it`.
 * Used by the headless runner, the browser worker and the tests.
 */
import type { ClusterState } from '../engine/clusterState';
import { reconcile } from '../engine/simulation';
import { matches, parseSelector, type Selector } from '../model/labelSelector';
import type { KObject } from '../model/objects';
import { runShellLine, shellPrompt } from '../shell/execInPod';
import { tableHeader, tableRow, type TableOptions } from './printers/getTable';
import { WatchTabWriter } from './printers/tabwriter';
import { CommandError, type CommandContext, type PodShell, type WatchSpec } from './commands/context';
import { dispatch } from './commands/dispatch';
import { leaveShell } from './commands/exec';

interface OpenWatch {
  spec: WatchSpec;
  selector?: Selector;
  writer: WatchTabWriter;
  headerShown: boolean;
  lastSeq: number;
}

/** What one command line produced. */
export interface CommandResult {
  /** Everything printed, watch rows included, without a trailing newline. */
  output: string;
  exitCode: number;
  /** Simulated time (ms) when the command started. */
  at: number;
}

export class Session {
  private watches: OpenWatch[] = [];
  private shell: PodShell | undefined;
  private buffer: string[] = [];

  constructor(
    readonly state: ClusterState,
    readonly files: Record<string, string>,
  ) {}

  /** The prompt of the interactive shell, if one is open. */
  get shellPrompt(): string | undefined {
    const shell = this.shell;
    return shell && shellPrompt(this.state, shell, shell.session);
  }

  /** Runs one line (a command, or a shell line while a pod shell is open). */
  run(line: string): CommandResult {
    const at = this.state.now;
    this.buffer = [];
    let exitCode = 0;
    const ctx = this.context();
    try {
      if (this.shell) exitCode = this.runInShell(ctx, line);
      else exitCode = dispatch(ctx, line);
      reconcile(this.state);
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      this.buffer.push(e.message);
      exitCode = e.exitCode;
    }
    this.flushWatches();
    return { output: this.buffer.join('\n'), exitCode, at };
  }

  /** Prints watch rows for changes that happened outside a command (the app's play loop). */
  drainWatchOutput(): string {
    this.buffer = [];
    this.flushWatches();
    return this.buffer.join('\n');
  }

  /** Closes every open `-w` stream (Ctrl+C). */
  closeWatches(): void {
    this.watches = [];
  }

  /**
   * Takes over `from`'s open `-w` streams in place of this session's own, streaming this cluster's
   * changes from now on (the app does it when the timeline branches: the terminal's watches go on).
   */
  adoptWatches(from: Session): void {
    const seq = this.state.counters.seq;
    this.watches = from.watches.map((watch) => ({ ...watch, lastSeq: seq }));
  }

  private context(): CommandContext {
    return {
      state: this.state,
      files: this.files,
      term: { print: (text) => this.buffer.push(text), flushWatches: () => this.flushWatches() },
      openWatch: (spec) => this.openWatch(spec),
      enterShell: (shell) => {
        this.shell = shell;
      },
    };
  }

  private runInShell(ctx: CommandContext, line: string): number {
    const shell = this.shell as PodShell;
    const result = runShellLine(this.state, shell, line, shell.session);
    const text = `${result.stdout}${result.stderr}`.replace(/\n$/, '');
    if (text) this.buffer.push(text);
    if (result.exited) {
      this.shell = undefined;
      leaveShell(ctx, shell.namespace, shell.pod, shell.removeOnExit);
    }
    return result.exitCode;
  }

  private options(spec: WatchSpec, at: number): TableOptions {
    return { wide: spec.wide, withNamespace: spec.allNamespaces, withKind: spec.kinds.length > 1, nowMs: this.state.epochMs + at };
  }

  private openWatch(spec: WatchSpec): void {
    const watch: OpenWatch = {
      spec,
      selector: spec.selector ? parseSelector(spec.selector) : undefined,
      writer: new WatchTabWriter(),
      headerShown: false,
      lastSeq: spec.fromSeq,
    };
    this.watches.push(watch);
    if (spec.initial.length) {
      const opts = this.options(spec, this.state.now);
      const rows = [tableHeader(spec.initial[0]?.kind ?? '', opts), ...spec.initial.map((o) => tableRow(this.state, o, opts))];
      this.buffer.push(watch.writer.format(rows));
      watch.headerShown = true;
    }
  }

  private wants(watch: OpenWatch, obj: KObject): boolean {
    const { spec } = watch;
    if (!spec.kinds.includes(obj.kind)) return false;
    if (spec.namespace && obj.metadata.namespace && obj.metadata.namespace !== spec.namespace) return false;
    if (spec.names.length && !spec.names.includes(obj.metadata.name)) return false;
    return !watch.selector || matches(watch.selector, obj.metadata.labels);
  }

  private flushWatches(): void {
    const changes = this.state.changes;
    for (const watch of this.watches) {
      const rows: string[][] = [];
      // changes are appended in seq order; find the first unseen one from the end.
      let i = changes.length;
      while (i > 0 && (changes[i - 1]?.seq ?? 0) > watch.lastSeq) i--;
      for (; i < changes.length; i++) {
        const change = changes[i];
        if (!change) continue;
        watch.lastSeq = change.seq;
        if (!this.wants(watch, change.object)) continue;
        const opts = this.options(watch.spec, change.at);
        if (!watch.headerShown) {
          rows.push(tableHeader(change.object.kind, opts));
          watch.headerShown = true;
        }
        rows.push(tableRow(this.state, change.object, opts));
      }
      if (rows.length) this.buffer.push(watch.writer.format(rows));
    }
  }
}
