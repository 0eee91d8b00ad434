/**
 * `kubectl apply -f <file>` (client-side apply as a learner sees it, R17.10):
 * every document is validated like the API server would (schema, semantics,
 * immutable fields), defaulted, admitted and created or updated, printing
 * `<resource>/<name> created|configured|unchanged` — or the server's error
 * for that document while the others still apply.
 */
import { admitClaim, admitPod } from '../../engine/admission';
import { addNode } from '../../engine/bootstrap';
import type { ClusterState } from '../../engine/clusterState';
import { allocateClusterIP } from '../../engine/serviceIp';
import { createObject, getObject, updateObject } from '../../engine/store';
import { applyDefaults } from '../../manifest/defaults';
import { formatDiagnostic, type Diagnostic } from '../../manifest/diagnostics';
import { parseManifests, type ParsedDocument } from '../../manifest/parseManifests';
import { checkCreate, decodeFailure } from '../../manifest/checkApply';
import { formatApplyError } from '../../manifest/apiErrors';
import { randomUid } from '../../engine/random';
import { workloadLimitError } from '../../engine/limits';
import { validateDocument } from '../../manifest/validateManifest';
import { validateUpdate } from '../../manifest/validateUpdate';
import { kindInfo, qualifiedResource } from '../../model/kinds';
import { canonicalJson, type KObject } from '../../model/objects';
import { CommandError, type CommandContext } from './context';
import { parseArgs } from './flags';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Server-owned fields an apply never overwrites. */
function preserveServerFields(old: KObject, next: KObject): void {
  const meta = next.metadata as unknown as Record<string, unknown>;
  const oldMeta = old.metadata as unknown as Record<string, unknown>;
  for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'ownerReferences', 'finalizers', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
    if (oldMeta[key] !== undefined) meta[key] = oldMeta[key];
  }
  if (old['status'] !== undefined) next['status'] = old['status'];
  const oldSpec = old['spec'] as Record<string, unknown> | undefined;
  const spec = next['spec'] as Record<string, unknown> | undefined;
  if (!oldSpec || !spec) return;
  const keep: Record<string, string[]> = {
    Service: ['clusterIP', 'clusterIPs'],
    PersistentVolumeClaim: ['volumeName', 'storageClassName'],
    PersistentVolume: ['claimRef'],
    Pod: ['nodeName', 'tolerations', 'hostname', 'subdomain'],
    Node: ['podCIDR', 'podCIDRs'],
  };
  for (const key of keep[next.kind] ?? []) if (oldSpec[key] !== undefined && spec[key] === undefined) spec[key] = oldSpec[key];
}

/** API-server admission on create, per kind. */
function admit(state: ClusterState, obj: KObject): KObject {
  if (obj.kind === 'Pod') return admitPod(state, obj as Parameters<typeof admitPod>[1]);
  if (obj.kind === 'PersistentVolumeClaim') return admitClaim(state, obj as Parameters<typeof admitClaim>[1]);
  if (obj.kind === 'PersistentVolume') {
    const pv = JSON.parse(JSON.stringify(obj)) as KObject;
    pv.metadata.finalizers = ['kubernetes.io/pv-protection'];
    pv['status'] = { phase: 'Pending' };
    return pv;
  }
  if (obj.kind === 'Service') {
    const svc = JSON.parse(JSON.stringify(obj)) as KObject & { spec: { clusterIP?: string; clusterIPs?: string[]; type?: string } };
    if (svc.spec.clusterIP === undefined || svc.spec.clusterIP === '') {
      const ip = svc.spec.type === 'ExternalName' ? undefined : allocateClusterIP(state);
      if (ip) svc.spec.clusterIP = ip;
    }
    if (svc.spec.clusterIP) svc.spec.clusterIPs = [svc.spec.clusterIP];
    svc['status'] = { loadBalancer: {} };
    return svc;
  }
  return obj;
}

function applyOne(ctx: CommandContext, doc: ParsedDocument, file: string, namespace: string): string {
  const obj = doc.object as KObject;
  const info = kindInfo(obj.kind);
  const ns = info?.namespaced ? obj.metadata.namespace ?? namespace : undefined;
  const existing = getObject<KObject>(ctx.state, obj.kind, ns, obj.metadata.name);
  const resource = `${qualifiedResource(obj.kind)}/${obj.metadata.name}`;
  const applied = JSON.parse(JSON.stringify(obj)) as KObject;
  if (ns) applied.metadata.namespace = ns;
  const lastApplied = `${JSON.stringify(applied)}\n`;
  if (!existing) {
    const checked = checkCreate(doc, file, { namespace, uid: randomUid(ctx.state.rng) });
    if ('failure' in checked) throw new CommandError(formatApplyError(checked.failure));
    const desired = checked.object;
    const tooBig = workloadLimitError(desired);
    if (tooBig) throw new CommandError(tooBig);
    desired.metadata.annotations = { ...desired.metadata.annotations, [LAST_APPLIED]: lastApplied };
    if (ns && !getObject(ctx.state, 'Namespace', undefined, ns)) {
      throw new CommandError(`Error from server (NotFound): error when creating "${file}": namespaces "${ns}" not found`);
    }
    if (obj.kind === 'Node') createNode(ctx.state, desired);
    else createObject(ctx.state, admit(ctx.state, desired));
    return `${resource} created`;
  }
  const patch = JSON.stringify({ metadata: { annotations: { [LAST_APPLIED]: lastApplied } } });
  const decode = decodeFailure(doc, file, 'patching', existing, patch);
  if (decode) throw new CommandError(formatApplyError(decode));
  const desired = applyDefaults(applied);
  desired.metadata.annotations = { ...desired.metadata.annotations, [LAST_APPLIED]: lastApplied };
  preserveServerFields(existing, desired);
  const problem = validateUpdate(existing, desired) ?? workloadLimitError(desired);
  if (problem) throw new CommandError(problem);
  const next = { ...desired, status: existing['status'] } as KObject;
  if (existing['status'] === undefined) delete next['status'];
  if (canonicalJson(next) === canonicalJson(existing)) return `${resource} unchanged`;
  updateObject<KObject>(ctx.state, obj.kind, ns, obj.metadata.name, (o) => {
    for (const key of Object.keys(o)) delete (o as Record<string, unknown>)[key];
    Object.assign(o, next);
  });
  return `${resource} configured`;
}

function createNode(state: ClusterState, node: KObject): void {
  const spec = (node['spec'] ?? {}) as { taints?: { key: string; value?: string; effect: string }[] };
  const status = (node['status'] ?? {}) as { capacity?: Record<string, string> };
  addNode(state, {
    name: node.metadata.name,
    labels: node.metadata.labels,
    cpu: status.capacity?.['cpu'],
    memory: status.capacity?.['memory'],
    pods: status.capacity?.['pods'] ? Number(status.capacity['pods']) : undefined,
    taints: spec.taints,
  });
}

/** Diagnostics of one file, for the editor: parse + per-document validation (no state change). */
export function checkFile(text: string, file: string): Diagnostic[] {
  const { documents, diagnostics } = parseManifests(text, file);
  return [...diagnostics, ...documents.flatMap((d) => validateDocument(d, file))];
}

export function applyCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: { filename: 'filename', f: 'filename', namespace: 'namespace', n: 'namespace' },
    booleans: {},
    repeated: ['filename'],
  });
  const files = args.multi['filename'] ?? [];
  if (files.length === 0) throw new CommandError('error: must specify one of -f and -k');
  const namespace = args.flags['namespace'] ?? 'default';
  let failed = false;
  for (const file of files) {
    const text = ctx.files[file.replace(/^\.\//, '')];
    if (text === undefined) throw new CommandError(`error: the path "${file}" does not exist`);
    const { documents, diagnostics } = parseManifests(text, file);
    // kubectl reads the whole stream first: a document it cannot read stops the file before anything applies.
    const refused = documents.find((d) => d.kubectlError && !d.object);
    const syntax = diagnostics.find((d) => d.severity === 'error' && d.source === 'yaml');
    if (refused || syntax) {
      ctx.term.print(refused?.kubectlError ? `error: ${refused.kubectlError}` : `error: ${formatDiagnostic(syntax as Diagnostic)}`);
      failed = true;
      continue;
    }
    if (documents.every((d) => !d.object)) {
      ctx.term.print(`error: no objects passed to apply`);
      failed = true;
      continue;
    }
    for (const doc of documents) {
      if (!doc.object) continue;
      try {
        if (doc.kubectlError) throw new CommandError(`error: ${doc.kubectlError}`);
        ctx.term.print(applyOne(ctx, doc, file, namespace));
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        ctx.term.print(e.message);
        failed = true;
      }
    }
  }
  return failed ? 1 : 0;
}
