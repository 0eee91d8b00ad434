/**
 * `kubectl exec`: finds the container the way kubectl and the API server do
 * (`staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go`, `podcmd`
 * FindOrDefaultContainerByName, the pod registry's `streamLocation`) and runs
 * the command in the tiny built-in shell (DESIGN.md §1).
 *
 * Errors, in kubectl's order and with its texts:
 * - `Error from server (NotFound): pods "web-9" not found`
 * - `error: cannot exec into a container in a completed pod; current phase is Succeeded`
 * - without `-c`: the first container (or the `kubectl.kubernetes.io/default-container`
 *   annotation's), announced as `Defaulted container "a" out of: a, b` when the
 *   pod has more than one container;
 * - `Error from server (BadRequest): container x is not valid for pod web-0`
 * - `Error from server (BadRequest): pod web-0 does not have a host assigned`
 * - `Error from server: error dialing backend: dial tcp <node IP>:10250: i/o timeout`
 *   (the node's kubelet is down, `sim node-down`)
 * - `error: unable to upgrade connection: container not found ("nginx")`
 *   (no runtime record yet, or the container is not running).
 * A command that exits non-zero adds kubectl's `command terminated with exit code N`.
 * An unknown executable gives the container runtime's `executable file not
 * found in $PATH` error; inside `sh` it is ash's `sh: foo: not found` (127).
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../engine/clusterState';
import { getObject } from '../engine/store';
import type { KObject } from '../model/objects';
import { isTerminal, type PodObject } from '../model/pod';
import { allContainers, containerContext, newSession } from './context';
import { imageKind } from './imageContent';
import { lookupCommand, runScript } from './interpreter';
import { fail, type ExecResult, type ShellContext, type ShellSession, type ExecTarget } from './types';

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
/** Shell built-ins that are not executables: `kubectl exec pod -- cd /` fails like a missing binary. */
const SHELL_ONLY = new Set(['cd', 'export', 'exit']);

/** kubectl's `AllContainerNames`: containers, then ephemeral `(ephem)`, then init `(init)`. */
function allContainerNames(pod: PodObject): string {
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** The container kubectl picks, and the warning it prints when it had to choose. */
function pickContainer(pod: PodObject, requested: string | undefined): { name: string; warning: string } {
  if (requested) return { name: requested, warning: '' };
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && allContainers(pod).some((c) => c.name === annotated)) return { name: annotated, warning: '' };
  const first = pod.spec?.containers?.[0]?.name ?? '';
  const several =
    (pod.spec?.containers?.length ?? 0) > 1 || (pod.spec?.initContainers?.length ?? 0) > 0 || (pod.spec?.ephemeralContainers?.length ?? 0) > 0;
  return { name: first, warning: several ? `Defaulted container "${first}" out of: ${allContainerNames(pod)}\n` : '' };
}

/** Resolves the exec target to a running container, or returns kubectl's error output. */
function resolveTarget(state: ClusterState, target: ExecTarget, session?: ShellSession): { ctx: ShellContext; warning: string } | ExecResult {
  const pod = getObject<PodObject>(state, 'Pod', target.namespace, target.pod);
  if (!pod) return fail(`Error from server (NotFound): pods "${target.pod}" not found`);
  if (isTerminal(pod)) return fail(`error: cannot exec into a container in a completed pod; current phase is ${pod.status?.phase}`);
  const { name, warning } = pickContainer(pod, target.container);
  const withWarning = (r: ExecResult): ExecResult => ({ ...r, stderr: warning + r.stderr });
  if (!allContainers(pod).some((c) => c.name === name)) {
    return withWarning(fail(`Error from server (BadRequest): container ${name} is not valid for pod ${pod.metadata.name}`));
  }
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return withWarning(fail(`Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned`));
  if (state.runtime.nodes[nodeName]?.kubeletUp === false) {
    const node = getObject<Node & KObject>(state, 'Node', undefined, nodeName);
    const address = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
    return withWarning(fail(`Error from server: error dialing backend: dial tcp ${address}:10250: i/o timeout`));
  }
  const ctx = containerContext(state, pod, name, session);
  if (!ctx) return withWarning(fail(`error: unable to upgrade connection: container not found ("${name}")`));
  return { ctx, warning };
}

function isError(r: { ctx: ShellContext; warning: string } | ExecResult): r is ExecResult {
  return 'exitCode' in r;
}

/** A stable 64-hex exec id, as containerd names exec processes. */
function execId(state: ClusterState, text: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) {
    let h = 2166136261 ^ i;
    for (const ch of `${state.now}|${text}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/**
 * Runs `argv` (what follows `--` in `kubectl exec <pod> -- …`) in the target
 * container, changing files in `state`. Returns what kubectl prints and its
 * exit code, including the error texts above.
 */
export function execInPod(state: ClusterState, target: ExecTarget, argv: string[]): ExecResult {
  const resolved = resolveTarget(state, target);
  if (isError(resolved)) return resolved;
  const { ctx, warning } = resolved;
  const name = argv[0];
  if (name === undefined) return fail(`${warning}error: you must specify at least one command for the container`);
  const command = SHELL_ONLY.has(name) ? undefined : lookupCommand(name, ctx.container.image ?? '');
  if (!command) {
    const id = execId(state, `${target.namespace}/${target.pod}/${argv.join(' ')}`);
    return fail(
      `${warning}error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`,
    );
  }
  const result = command(ctx, argv.slice(1));
  const terminated = result.exitCode !== 0 ? `command terminated with exit code ${result.exitCode}\n` : '';
  return { stdout: result.stdout, stderr: `${warning}${result.stderr}${terminated}`, exitCode: result.exitCode };
}

/**
 * `kubectl exec -it <pod> -- sh`: checks the target and starts a session. On
 * failure `session` is undefined and `stderr` holds kubectl's error; on success
 * `stderr` may hold the `Defaulted container` notice.
 */
export function openShellSession(state: ClusterState, target: ExecTarget): ExecResult & { session?: ShellSession } {
  const resolved = resolveTarget(state, target);
  if (isError(resolved)) return resolved;
  return { stdout: '', stderr: resolved.warning, exitCode: 0, session: newSession(resolved.ctx.container) };
}

/**
 * Runs one line typed into an interactive `sh` session. Pass the session from
 * `openShellSession` to keep the working directory and variables between
 * lines; `exited` tells the terminal that `exit` ran (or that the container
 * went away) and the session is over.
 */
export function runShellLine(state: ClusterState, target: ExecTarget, line: string, session?: ShellSession): ExecResult & { exited: boolean } {
  const resolved = resolveTarget(state, target, session);
  if (isError(resolved)) return { ...resolved, stderr: resolved.stderr.replace(/^Defaulted container.*\n/, ''), exited: true };
  const result = runScript(resolved.ctx, line);
  return { ...result, exited: resolved.ctx.session.exited };
}

/** The prompt of an interactive session: busybox ash shows the directory (`/ # `), dash just `# `. */
export function shellPrompt(state: ClusterState, target: ExecTarget, session: ShellSession): string {
  const pod = getObject<PodObject>(state, 'Pod', target.namespace, target.pod);
  const name = target.container ?? (pod ? pickContainer(pod, undefined).name : '');
  const image = pod ? allContainers(pod).find((c) => c.name === name)?.image ?? '' : '';
  return imageKind(image) === 'busybox' ? `${session.cwd} # ` : '# ';
}
