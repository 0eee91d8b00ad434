/**
 * `kubectl rollout status` (R8.10, R8.7), after kubectl's status viewers
 * (`staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go`) and
 * the command (`pkg/cmd/rollout/rollout_status.go`): watch one object and
 * print its status message as it changes until the viewer says done, an
 * error (OnDelete, a deleted object, an exceeded progress deadline) or
 * `--timeout`. The watch advances simulated time.
 *
 * Differences from kubectl: kubectl prints a line on every watch event of the
 * object, so identical lines repeat; this prints a line only when the message
 * changes. Without `--timeout` kubectl waits forever; this stops after
 * `DEFAULT_WAIT_MS` of simulated time with kubectl's timeout error. The
 * Deployment viewer's `(Warning: …)` suffix of newer kubectl is left out.
 */
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import { getObject } from '../../engine/store';
import { parseDuration } from '../../model/duration';
import type { KObject } from '../../model/objects';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs } from './flags';
import { DEFAULT_WAIT_MS, waitFor } from './wait';
import { selectTargets } from './workloadEdits';

/** What a status viewer says about an object right now. */
export interface RolloutStatus {
  /** The line kubectl prints (without its newline). */
  message: string;
  done: boolean;
  /** kubectl stops with `error: <error>`. */
  error?: string;
}

/** The revision annotation the Deployment controller keeps on Deployments and ReplicaSets. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** `StatefulSetStatusViewer.Status` (R8.10). */
export function statefulSetRolloutStatus(sts: StatefulSet): RolloutStatus {
  const spec = sts.spec;
  const status = sts.status;
  const strategy = spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  const observed = status?.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata?.generation ?? 0) > observed) {
    return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  }
  const replicas = spec?.replicas;
  const ready = status?.readyReplicas ?? 0;
  const updated = status?.updatedReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...`, done: false };
  if (strategy?.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...`, done: true };
  }
  if (status?.updateRevision !== status?.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status?.updateRevision ?? ''}...`, done: false };
  }
  return { message: `statefulset rolling update complete ${status?.currentReplicas ?? 0} pods at revision ${status?.currentRevision ?? ''}...`, done: true };
}

/** `DeploymentStatusViewer.Status`; `revision` > 0 pins the rollout to that revision. */
export function deploymentRolloutStatus(deploy: Deployment, revision = 0): RolloutStatus {
  const name = deploy.metadata?.name ?? '';
  if (revision > 0) {
    const text = deploy.metadata?.annotations?.[REVISION_ANNOTATION];
    const current = text === undefined ? 0 : Number(text);
    if (!Number.isInteger(current)) return { message: '', done: true, error: `cannot get the revision of deployment "${name}": invalid revision "${text ?? ''}"` };
    if (current !== revision) return { message: '', done: true, error: `desired revision (${revision}) is different from the running revision (${current})` };
  }
  const status = deploy.status;
  if ((deploy.metadata?.generation ?? 0) > (status?.observedGeneration ?? 0)) {
    return { message: 'Waiting for deployment spec update to be observed...', done: false };
  }
  const progressing = status?.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { message: '', done: true, error: `deployment "${name}" exceeded its progress deadline` };
  const replicas = deploy.spec?.replicas;
  const updated = status?.updatedReplicas ?? 0;
  const total = status?.replicas ?? 0;
  const available = status?.availableReplicas ?? 0;
  const waiting = (what: string) => ({ message: `Waiting for deployment "${name}" rollout to finish: ${what}...`, done: false });
  if (replicas !== undefined && updated < replicas) return waiting(`${updated} out of ${replicas} new replicas have been updated`);
  if (total > updated) return waiting(`${total - updated} old replicas are pending termination`);
  if (available < updated) return waiting(`${available} of ${updated} updated replicas are available`);
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

/** `DaemonSetStatusViewer.Status`. */
export function daemonSetRolloutStatus(ds: DaemonSet): RolloutStatus {
  const name = ds.metadata?.name ?? '';
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  const status = ds.status;
  if ((ds.metadata?.generation ?? 0) > (status?.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
  const desired = status?.desiredNumberScheduled ?? 0;
  const updated = status?.updatedNumberScheduled ?? 0;
  const available = status?.numberAvailable ?? 0;
  if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`, done: false };
  if (available < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`, done: false };
  return { message: `daemon set "${name}" successfully rolled out`, done: true };
}

/** `StatusViewerFor`: the viewer of a kind, if kubectl has one. */
export function statusViewerFor(kind: string): ((obj: KObject, revision: number) => RolloutStatus) | undefined {
  switch (kind) {
    case 'StatefulSet':
      return (obj) => statefulSetRolloutStatus(obj as StatefulSet & KObject);
    case 'Deployment':
      return (obj, revision) => deploymentRolloutStatus(obj as Deployment & KObject, revision);
    case 'DaemonSet':
      return (obj) => daemonSetRolloutStatus(obj as DaemonSet & KObject);
    default:
      return undefined;
  }
}

/** `kubectl rollout status <kind>/<name> [--timeout=D] [--watch=false] [--revision=N]`. */
export function rolloutStatusCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: { namespace: 'namespace', n: 'namespace', timeout: 'timeout', revision: 'revision', selector: 'selector', l: 'selector' },
    booleans: { watch: 'watch', w: 'watch' },
  });
  const timeoutText = args.flags['timeout'] ?? '0s';
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === undefined) throw new CommandError(`error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
  const revision = Number(args.flags['revision'] ?? 0);
  if (!Number.isInteger(revision)) throw new CommandError(`error: invalid argument "${args.flags['revision'] ?? ''}" for "--revision" flag: strconv.ParseInt: parsing "${args.flags['revision'] ?? ''}": invalid syntax`);
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`);
  const watch = args.flags['watch'] === undefined || flagOn(args, 'watch');
  if (args.positional.length === 0) throw new CommandError('error: required resource not specified');
  const { objects: targets, errors } = selectTargets(ctx, args);
  if (errors.length) throw new CommandError(errors.join('\n'));
  if (targets.length !== 1) {
    throw new CommandError(`error: rollout status is only supported on individual resources and resource collections - ${targets.length} resources were found`);
  }
  const target = targets[0] as KObject;
  const viewer = statusViewerFor(target.kind);
  if (!viewer) throw new CommandError(`error: no status viewer has been implemented for ${groupKind(target)}`);

  let last: string | undefined;
  let failure: string | undefined;
  const check = (): boolean => {
    const obj = getObject<KObject>(ctx.state, target.kind, target.metadata.namespace, target.metadata.name);
    if (!obj || obj.metadata.uid !== target.metadata.uid) {
      failure = 'error: object has been deleted';
      return true;
    }
    const status = viewer(obj, revision);
    if (status.error) {
      failure = `error: ${status.error}`;
      return true;
    }
    if (status.message !== last) ctx.term.print(status.message);
    last = status.message;
    return status.done || !watch;
  };
  const finished = waitFor(ctx, check, timeoutMs > 0 ? timeoutMs : DEFAULT_WAIT_MS);
  if (failure) throw new CommandError(failure);
  if (!finished) throw new CommandError('error: timed out waiting for the condition');
  return 0;
}

/** `schema.GroupKind.String()`: `Pod`, `ReplicaSet.apps`. */
export function groupKind(obj: KObject): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return group ? `${obj.kind}.${group}` : obj.kind;
}
