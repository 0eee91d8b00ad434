/**
 * The `sim` verbs (DESIGN §1): what a real cluster does to you rather than what
 * you do to it — crashes, broken readiness, node failure, added/removed nodes,
 * the passage of time, and DNS queries from a client pod in `default`.
 */
import { addNode } from '../../engine/bootstrap';
import { LIMITS } from '../../engine/limits';
import { crashContainer, setLivenessBroken, setReadinessBroken } from '../../engine/controllers/kubeletContainers';
import { resumeKubelet } from '../../engine/controllers/kubelet';
import { lastHeartbeatAt } from '../../engine/controllers/nodeHealth';
import { deleteObject } from '../../engine/deletion';
import { advanceBy, isQuiescent, nextActivityAt } from '../../engine/simulation';
import { getObject } from '../../engine/store';
import { formatDigShort, resolve } from '../../dns/resolve';
import { humanDuration, parseDuration } from '../../model/duration';
import type { PodObject } from '../../model/pod';
import { podStatusText } from '../../model/pod';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs } from './flags';
import { waitFor } from './wait';

const STABLE_LIMIT_MS = 10 * 60_000;

function podRuntime(ctx: CommandContext, name: string | undefined, namespace: string) {
  if (!name) throw new CommandError('error: a pod name is required');
  const pod = getObject<PodObject>(ctx.state, 'Pod', namespace, name);
  if (!pod) throw new CommandError(`Error from server (NotFound): pods "${name}" not found`);
  const rec = ctx.state.runtime.pods[pod.metadata.uid ?? ''];
  if (!rec || !rec.containers.some((c) => c.state === 'running' || c.containerId)) {
    throw new CommandError(`error: pod ${name} has no started container (STATUS ${podStatusText(pod)})`);
  }
  return { pod, rec };
}

function crash(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, { values: { container: 'container', c: 'container', namespace: 'namespace', n: 'namespace' }, booleans: { loop: 'loop' } });
  const [name, exitWord, codeWord] = args.positional;
  const { pod, rec } = podRuntime(ctx, name, args.flags['namespace'] ?? 'default');
  const code = exitWord === 'exit' ? Number(codeWord ?? 1) : 1;
  const containerName = args.flags['container'] ?? pod.spec?.containers[0]?.name;
  const index = rec.containers.findIndex((c) => c.name === containerName);
  if (index < 0) throw new CommandError(`error: container ${containerName} not found in pod ${pod.metadata.name}`);
  const c = rec.containers[index];
  const loop = flagOn(args, 'loop');
  if (c?.state !== 'running') {
    if (c) c.crashLoop = loop;
    ctx.term.print(`container ${containerName} in pod ${pod.metadata.name} is not running; ${loop ? 'it will crash 1s after every start' : 'it will keep running after its next start'}`);
    return 0;
  }
  crashContainer(ctx.state, rec, index, code, loop);
  ctx.term.print(`container ${containerName} in pod ${pod.metadata.name} exited with code ${code}${loop ? ' (and will crash 1s after every start)' : ''}`);
  return 0;
}

function readiness(ctx: CommandContext, words: string[], broken: boolean): number {
  const args = parseArgs(words, { values: { namespace: 'namespace', n: 'namespace' }, booleans: {} });
  const { pod, rec } = podRuntime(ctx, args.positional[0], args.flags['namespace'] ?? 'default');
  setReadinessBroken(ctx.state, rec, broken);
  ctx.term.print(`readiness probe of pod ${pod.metadata.name} will ${broken ? 'fail' : 'pass'} from its next run`);
  return 0;
}

function liveness(ctx: CommandContext, words: string[], broken: boolean): number {
  const args = parseArgs(words, { values: { namespace: 'namespace', n: 'namespace' }, booleans: {} });
  const { pod, rec } = podRuntime(ctx, args.positional[0], args.flags['namespace'] ?? 'default');
  const unprobed = setLivenessBroken(ctx.state, rec, broken);
  if (unprobed.length === rec.containers.length) {
    throw new CommandError(`error: pod ${pod.metadata.name} has no liveness probe, so the kubelet never restarts it for failing health checks; add a livenessProbe to its container`);
  }
  ctx.term.print(`liveness probe of pod ${pod.metadata.name} will ${broken ? 'fail' : 'pass'} from its next run`);
  return 0;
}

function nodePower(ctx: CommandContext, words: string[], up: boolean): number {
  const name = words[0];
  const node = name ? ctx.state.runtime.nodes[name] : undefined;
  if (!name || !node || !getObject(ctx.state, 'Node', undefined, name)) throw new CommandError(`Error from server (NotFound): nodes "${name ?? ''}" not found`);
  if (node.kubeletUp === up) {
    ctx.term.print(`node ${name} is already ${up ? 'up' : 'down'}`);
    return 0;
  }
  if (up) {
    node.kubeletUp = true;
    node.lastHeartbeat = ctx.state.now;
    delete node.downSince;
    // It re-posts the status of its pods (the node controller marked them not ready) and resumes its work.
    resumeKubelet(ctx.state, name);
  } else {
    node.downSince = ctx.state.now;
    // The last Lease renewal before the kubelet went silent; the node controller counts its grace from there.
    node.lastHeartbeat = lastHeartbeatAt(ctx.state, { ...node, kubeletUp: false });
    node.kubeletUp = false;
  }
  ctx.term.print(up ? `node ${name} is back: its kubelet posts status again` : `node ${name} is down: its kubelet stopped posting status (containers keep running)`);
  return 0;
}

function addNodeVerb(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, { values: { cpu: 'cpu', memory: 'memory', zone: 'zone', pods: 'pods' }, booleans: {} });
  const name = args.positional[0];
  if (!name || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) throw new CommandError('error: a valid node name is required (lowercase letters, digits, "-" and ".")');
  if (getObject(ctx.state, 'Node', undefined, name)) throw new CommandError(`Error from server (AlreadyExists): nodes "${name}" already exists`);
  if (Object.keys(ctx.state.runtime.nodes).length >= LIMITS.maxNodes) throw new CommandError(`error: Ordinal simulates at most ${LIMITS.maxNodes} nodes`);
  try {
    addNode(ctx.state, { name, cpu: args.flags['cpu'], memory: args.flags['memory'], zone: args.flags['zone'], pods: args.flags['pods'] ? Number(args.flags['pods']) : undefined });
  } catch (e) {
    throw new CommandError(`error: ${(e as Error).message}`);
  }
  ctx.term.print(`node/${name} added`);
  return 0;
}

function removeNode(ctx: CommandContext, words: string[]): number {
  const name = words[0];
  if (!name || !getObject(ctx.state, 'Node', undefined, name)) throw new CommandError(`Error from server (NotFound): nodes "${name ?? ''}" not found`);
  deleteObject(ctx.state, 'Node', undefined, name);
  delete ctx.state.runtime.nodes[name];
  // The machine is gone and its containers with it; the pod objects stay until PodGC removes them.
  for (const rec of Object.values(ctx.state.runtime.pods)) if (rec.node === name) delete ctx.state.runtime.pods[rec.uid];
  ctx.term.print(`node/${name} removed`);
  return 0;
}

function advance(ctx: CommandContext, words: string[]): number {
  const ms = words[0] ? parseDuration(words[0]) : undefined;
  if (ms === undefined) throw new CommandError('error: sim advance needs a duration like 30s, 5m or 1h30m');
  if (ms > 24 * 3_600_000) throw new CommandError('error: sim advance is limited to 24h at a time');
  advanceBy(ctx.state, ms, () => ctx.term.flushWatches());
  return 0;
}

function wait(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, { values: { timeout: 'timeout' }, booleans: { stable: 'stable' } });
  const limit = args.flags['timeout'] ? parseDuration(args.flags['timeout']) : STABLE_LIMIT_MS;
  if (limit === undefined) throw new CommandError('error: invalid --timeout');
  const start = ctx.state.now;
  if (waitFor(ctx, () => isQuiescent(ctx.state), limit)) return 0;
  const next = nextActivityAt(ctx.state);
  ctx.term.print(`error: the cluster is still changing after ${humanDuration(ctx.state.now - start)} (next change due in ${humanDuration((next ?? ctx.state.now) - ctx.state.now)}; a pod in CrashLoopBackOff or a failing pull never settles)`);
  return 1;
}

function dns(ctx: CommandContext, words: string[]): number {
  const [name, typeWord] = words;
  if (!name) throw new CommandError('error: sim dns needs a name, e.g. sim dns web-0.nginx');
  const type = (typeWord ?? 'A').toUpperCase();
  if (type !== 'A' && type !== 'SRV' && type !== 'PTR') throw new CommandError(`error: unsupported record type ${typeWord}; use A, SRV or PTR`);
  const result = resolve(ctx.state, name, type, { namespace: 'default' });
  ctx.term.print(formatDigShort(result, type));
  return result.rcode === 'NXDOMAIN' ? 1 : 0;
}

/** Runs `sim <verb> …`. */
/** Every sim verb (the terminal completes exactly these). */
export const SIM_VERBS = ['crash', 'break-readiness', 'fix-readiness', 'break-liveness', 'fix-liveness', 'node-down', 'node-up', 'add-node', 'remove-node', 'advance', 'wait', 'dns'];

export function simCommand(ctx: CommandContext, words: string[]): number {
  const [verb, ...rest] = words;
  switch (verb) {
    case 'crash':
      return crash(ctx, rest);
    case 'break-readiness':
      return readiness(ctx, rest, true);
    case 'fix-readiness':
    case 'restore-readiness':
      return readiness(ctx, rest, false);
    case 'break-liveness':
      return liveness(ctx, rest, true);
    case 'fix-liveness':
      return liveness(ctx, rest, false);
    case 'node-down':
      return nodePower(ctx, rest, false);
    case 'node-up':
      return nodePower(ctx, rest, true);
    case 'add-node':
      return addNodeVerb(ctx, rest);
    case 'remove-node':
      return removeNode(ctx, rest);
    case 'advance':
      return advance(ctx, rest);
    case 'wait':
      return wait(ctx, rest);
    case 'dns':
      return dns(ctx, rest);
    default:
      throw new CommandError(
        `error: unknown sim verb "${verb ?? ''}"; use one of: ${SIM_VERBS.join(', ')}`,
      );
  }
}
