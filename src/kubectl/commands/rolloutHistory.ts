/**
 * `kubectl rollout history` and `kubectl rollout undo` (R8.8), after kubectl's
 * `staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go` (history
 * viewers, `printHistory`) and `rollback.go` (StatefulSetRollbacker,
 * DeploymentRollbacker, `findHistory`).
 *
 * A StatefulSet's history is its ControllerRevisions; undo writes the chosen
 * revision's pod template back into the set (the revision's strategic-merge
 * patch replaces `spec.template` whole), so the StatefulSet controller finds
 * an equal revision and reuses it with the next revision number instead of
 * creating a new one. A Deployment's history is its ReplicaSets'
 * `deployment.kubernetes.io/revision` annotations.
 *
 * Left out: `--dry-run`, `-o` for history, DaemonSet history.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { revisionTemplate, type RevisionObject, type StsObject } from '../../engine/controllers/statefulSetRevisions';
import { listObjects } from '../../engine/store';
import { semanticEqual } from '../../manifest/semanticEqual';
import { selectorMatches } from '../../model/labelSelector';
import { controllerOf, type KObject } from '../../model/objects';
import { qualifiedResource } from '../../model/kinds';
import { describePodTemplate } from '../printers/describeContainers';
import { DescribeWriter } from '../printers/describeWriter';
import { alignTabbed, DESCRIBE_WRITER } from '../printers/tabwriter';
import { CommandError, type CommandContext } from './context';
import { REVISION_ANNOTATION, groupKind } from './rolloutStatus';
import { writeObject } from './workloadEdits';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

type RsObject = ReplicaSet & KObject;
type DeployObject = Deployment & KObject;

/** One entry of an object's rollout history. */
interface HistoryEntry {
  revision: number;
  template: PodTemplateSpec;
  changeCause?: string;
  /** The object holding it (ControllerRevision or ReplicaSet). */
  source: KObject;
}

/** `controlledHistoryV1`: ControllerRevisions selected by the set's selector and controlled by it. */
function statefulSetHistory(ctx: CommandContext, set: StsObject): HistoryEntry[] {
  return listObjects<RevisionObject>(ctx.state, 'ControllerRevision', set.metadata.namespace)
    .filter((r) => selectorMatches(set.spec?.selector, r.metadata.labels) && controllerOf(r)?.uid === set.metadata.uid)
    .map((r) => ({ revision: r.revision, template: revisionTemplate(r), changeCause: r.metadata.annotations?.[CHANGE_CAUSE], source: r }))
    .sort((a, b) => a.revision - b.revision);
}

/** `GetAllReplicaSets` + `deploymentutil.Revision`: the Deployment's ReplicaSets that carry a revision. */
function deploymentHistory(ctx: CommandContext, deploy: DeployObject): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const rs of listObjects<RsObject>(ctx.state, 'ReplicaSet', deploy.metadata.namespace)) {
    if (controllerOf(rs)?.uid !== deploy.metadata.uid) continue;
    const revision = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
    if (!Number.isInteger(revision)) continue;
    const template = JSON.parse(JSON.stringify(rs.spec?.template ?? {})) as PodTemplateSpec;
    out.push({ revision, template, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE], source: rs });
  }
  return out.sort((a, b) => a.revision - b.revision);
}

function historyOf(ctx: CommandContext, obj: KObject): HistoryEntry[] {
  if (obj.kind === 'StatefulSet') return statefulSetHistory(ctx, obj as StsObject);
  if (obj.kind === 'Deployment') return deploymentHistory(ctx, obj as DeployObject);
  throw new CommandError(`error: no history viewer has been implemented for "${groupKind(obj)}"`);
}

/** `printTemplate`: `DescribePodTemplate` through kubectl's prefix writer. */
export function templateText(template: PodTemplateSpec): string {
  const w = new DescribeWriter();
  describePodTemplate(w, template);
  return w.toString();
}

/** `printHistory`: the REVISION / CHANGE-CAUSE table, or one revision's pod template. */
function historyText(history: HistoryEntry[], revision: number): string {
  if (history.length === 0) return 'No rollout history found.';
  if (revision > 0) {
    const entry = history.find((h) => h.revision === revision);
    if (!entry) throw new CommandError('error: unable to find the specified revision');
    return templateText(entry.template);
  }
  const rows = ['REVISION\tCHANGE-CAUSE', ...history.map((h) => `${h.revision}\t${h.changeCause || '<none>'}`)];
  return alignTabbed(`${rows.join('\n')}\n`, DESCRIBE_WRITER);
}

/**
 * `rollout history`: prints `<resource>/<name> ` (kubectl's name printer with
 * the history as its "operation"), then the table or the revision's template.
 */
export function printRolloutHistory(ctx: CommandContext, obj: KObject, revision: number): void {
  const text = historyText(historyOf(ctx, obj), revision);
  const withRevision = revision > 0 ? `with revision #${revision}` : '';
  ctx.term.print(`${qualifiedResource(obj.kind)}/${obj.metadata.name} ${withRevision}\n${text}`);
}

function revisionNotFound(revision: number): CommandError {
  return new CommandError(`error: unable to find specified revision ${revision} in history`);
}

/** `findHistory`: revision N, or (N = 0) the second newest revision. */
function findHistory(history: HistoryEntry[], toRevision: number): HistoryEntry | undefined {
  if (toRevision === 0) return history.length <= 1 ? undefined : history[history.length - 2];
  return history.find((h) => h.revision === toRevision);
}

/** Annotations a Deployment keeps through a rollback (`annotationsToSkip`). */
const DEPLOYMENT_KEPT_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

function rollbackStatefulSet(ctx: CommandContext, set: StsObject, toRevision: number): string {
  const history = statefulSetHistory(ctx, set);
  if (toRevision === 0 && history.length <= 1) throw new CommandError('error: no last revision to roll back to');
  const target = findHistory(history, toRevision);
  if (!target) throw revisionNotFound(toRevision);
  if (semanticEqual(target.template, set.spec?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const result = writeObject(ctx, set, (draft) => {
    (draft as StsObject).spec = { ...(draft as StsObject).spec, template: JSON.parse(JSON.stringify(target.template)) } as StsObject['spec'];
  });
  if (result.error) throw new CommandError(`error: failed restoring revision ${toRevision}: ${result.error}`);
  return 'rolled back';
}

function rollbackDeployment(ctx: CommandContext, deploy: DeployObject, toRevision: number): string {
  const history = deploymentHistory(ctx, deploy);
  let target: HistoryEntry | undefined;
  if (toRevision > 0) {
    target = history.find((h) => h.revision === toRevision);
    if (!target) throw revisionNotFound(toRevision);
  } else {
    target = history.length >= 2 ? history[history.length - 2] : undefined;
    if (!target) throw new CommandError(`error: no rollout history found for deployment "${deploy.metadata.name}"`);
  }
  if (deploy.spec?.paused) {
    throw new CommandError(
      `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${deploy.metadata.name}' and try again`,
    );
  }
  const template = JSON.parse(JSON.stringify(target.template)) as PodTemplateSpec;
  const withoutHash = (t: PodTemplateSpec | undefined) => {
    const copy = JSON.parse(JSON.stringify(t ?? {})) as PodTemplateSpec;
    if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
    return copy;
  };
  if (semanticEqual(withoutHash(template), withoutHash(deploy.spec?.template))) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const annotations: Record<string, string> = {};
  for (const key of DEPLOYMENT_KEPT_ANNOTATIONS) {
    const value = deploy.metadata.annotations?.[key];
    if (value !== undefined) annotations[key] = value;
  }
  for (const [key, value] of Object.entries(target.source.metadata.annotations ?? {})) {
    if (!DEPLOYMENT_KEPT_ANNOTATIONS.includes(key)) annotations[key] = value;
  }
  const result = writeObject(ctx, deploy, (draft) => {
    const d = draft as DeployObject;
    d.spec = { ...d.spec, template: withoutHash(template) } as DeployObject['spec'];
    d.metadata.annotations = annotations;
  });
  if (result.error) throw new CommandError(`error: failed restoring revision ${toRevision}: ${result.error}`);
  return 'rolled back';
}

/** `rollout undo`: rolls one object back and prints `<resource>/<name> rolled back` (or why it skipped). */
export function rollbackObject(ctx: CommandContext, obj: KObject, toRevision: number): void {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  let outcome: string;
  if (obj.kind === 'StatefulSet') outcome = rollbackStatefulSet(ctx, obj as StsObject, toRevision);
  else if (obj.kind === 'Deployment') outcome = rollbackDeployment(ctx, obj as DeployObject, toRevision);
  else throw new CommandError(`error: no rollbacker has been implemented for "${groupKind(obj)}"`);
  ctx.term.print(`${qualifiedResource(obj.kind)}/${obj.metadata.name} ${outcome}`);
}
