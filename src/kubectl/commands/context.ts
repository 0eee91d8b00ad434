/**
 * What a command runs against: the cluster state, the workspace files, and a
 * terminal to print to. Blocking commands advance simulated time through
 * `wait`, which lets open watch streams print the rows that change meanwhile.
 */
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import type { ShellSession } from '../../shell/types';

export interface Terminal {
  /** Prints command output (a trailing newline is added by the caller's formatting). */
  print(text: string): void;
  /** Prints rows of open `-w` streams for everything that changed so far. */
  flushWatches(): void;
}

export interface CommandContext {
  state: ClusterState;
  /** Workspace files by name (what `kubectl apply -f <name>` reads). */
  files: Record<string, string>;
  term: Terminal;
  /** Opens a `kubectl get … -w` stream (the session owns streams). */
  openWatch(watch: WatchSpec): void;
  /** Enters an interactive shell in a pod (`kubectl exec -it … sh`, `kubectl run -it`). */
  enterShell(shell: PodShell): void;
}

export interface WatchSpec {
  kinds: string[];
  namespace?: string;
  allNamespaces: boolean;
  selector?: string;
  names: string[];
  wide: boolean;
  /** Sequence number (state.counters.seq) after which changes are streamed. */
  fromSeq: number;
  /** Objects listed when the watch opens (kubectl lists, then watches). */
  initial: KObject[];
}

export interface PodShell {
  namespace: string;
  pod: string;
  container?: string;
  /** `kubectl run --rm`: delete the pod when the shell exits. */
  removeOnExit: boolean;
  /** The shell's own state (working directory, variables). */
  session: ShellSession;
}

/** A command's exit status; output goes to the terminal. */
export type ExitCode = number;

/** Thrown by commands to end with kubectl's error text and exit code 1. */
export class CommandError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
