/**
 * Types shared by the exec shell's modules: what `kubectl exec` targets, what
 * a command returns, and the context a built-in command runs in.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { ClusterState, ContainerRuntime, PodRuntime } from '../engine/clusterState';
import type { PodObject } from '../model/pod';

/** The container `kubectl exec [-c <container>] <pod>` runs in. */
export interface ExecTarget {
  namespace: string;
  pod: string;
  /** `-c`; without it kubectl picks the first container. */
  container?: string;
}

/** What a command (or a whole `kubectl exec`) printed and how it ended. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The state of an interactive `sh` session (`kubectl exec -it <pod> -- sh`) between lines. */
export interface ShellSession {
  cwd: string;
  /** Shell variables set with `X=1` or `export X=1`. */
  vars: Record<string, string>;
  /** Names of the variables that `export` put into the environment. */
  exported: string[];
  /** `$?`. */
  lastExit: number;
  /** Set once `exit` ran: the terminal should close the session. */
  exited: boolean;
}

/** Everything a built-in command may look at or change. */
export interface ShellContext {
  state: ClusterState;
  pod: PodObject;
  container: Container;
  runtime: PodRuntime;
  containerRuntime: ContainerRuntime;
  session: ShellSession;
  /** Standard input (from a pipe or `<`), empty when none. */
  stdin: string;
}

/** A built-in command: argv without the command name. */
export type ShellCommand = (ctx: ShellContext, args: string[]) => ExecResult;

/** A successful result printing `stdout`. */
export function ok(stdout = ''): ExecResult {
  return { stdout, stderr: '', exitCode: 0 };
}

/** A failed result printing `stderr` (a newline is added when missing). */
export function fail(stderr: string, exitCode = 1, stdout = ''): ExecResult {
  return { stdout, stderr: stderr === '' || stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode };
}
