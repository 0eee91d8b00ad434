/**
 * ControllerRevisions of a StatefulSet (R3.1, R8.1, R8.2, R8.8), after
 * `pkg/controller/statefulset/stateful_set_utils.go` (newRevision, nextRevision)
 * and `stateful_set_control.go` (getStatefulSetRevisions, truncateHistory).
 *
 * Left out: hash collisions (collisionCount stays 0); the hash is FNV-32a of
 * the template's canonical JSON, encoded like `rand.SafeEncodeString`, so
 * names have the real shape (`web-7d5d8b5c9c`) but not the real values.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1';
import { canonicalJson, ownerRef, type KObject } from '../../model/objects';
import type { ClusterState } from '../clusterState';
import { NAME_ALPHABET } from '../random';
import { selectorMatches } from '../../model/labelSelector';
import { createObject, getObject, listObjects, removeObject, updateObject } from '../store';

export type StsObject = StatefulSet & KObject;
export type RevisionObject = ControllerRevision & KObject;

function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const hashes = new WeakMap<object, string>();

/**
 * `canonicalJson` remembered by plain JSON text. Every write to a set (its
 * status too) stores a fresh copy of its template, so caching by object misses
 * on the next pass; `JSON.stringify` is much cheaper than the canonical form,
 * and equal texts have equal canonical forms. A module-level memo of a pure
 * function: it holds no state of any simulation.
 */
const canonicalByText = new Map<string, string>();
const CANONICAL_MEMO_LIMIT = 256;

function canonicalByContent(value: object): string {
  const text = JSON.stringify(value);
  let canonical = canonicalByText.get(text);
  if (canonical === undefined) {
    canonical = canonicalJson(value);
    if (canonicalByText.size >= CANONICAL_MEMO_LIMIT) canonicalByText.clear();
    canonicalByText.set(text, canonical);
  }
  return canonical;
}

/** The revision hash of a template: `rand.SafeEncodeString(fmt.Sprint(fnv32a))`, each decimal digit mapped into the safe alphabet. */
export function templateHash(template: unknown): string {
  if (!template || typeof template !== 'object') return encodeHash(canonicalJson(template));
  let hash = hashes.get(template);
  if (hash === undefined) {
    const canonical = canonicalByContent(template);
    hash = hashByCanonical.get(canonical) ?? encodeHash(canonical);
    if (hashByCanonical.size >= CANONICAL_MEMO_LIMIT) hashByCanonical.clear();
    hashByCanonical.set(canonical, hash);
    hashes.set(template, hash);
  }
  return hash;
}

/** Hash of each canonical text seen lately (same kind of memo as {@link canonicalByText}). */
const hashByCanonical = new Map<string, string>();

function encodeHash(text: string): string {
  const digits = String(fnv32a(text));
  let out = '';
  for (const ch of digits) out += NAME_ALPHABET[ch.charCodeAt(0) % NAME_ALPHABET.length];
  return out;
}

const canonicalData = new WeakMap<object, string>();

function canonicalOf(data: unknown): string {
  if (!data || typeof data !== 'object') return canonicalJson(data);
  let text = canonicalData.get(data);
  if (text === undefined) {
    text = canonicalJson(data);
    canonicalData.set(data, text);
  }
  return text;
}

/** The data a revision stores: the pod template as a replace patch, like upstream `getPatch`. */
function revisionData(template: PodTemplateSpec | undefined): Record<string, unknown> {
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

/** The pod template a revision recorded. */
export function revisionTemplate(rev: ControllerRevision): PodTemplateSpec {
  const data = rev.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined;
  const { $patch: _patch, ...template } = data?.spec?.template ?? {};
  return template;
}

/** Revisions owned by the set, oldest revision number first. */
export function ownedRevisions(state: ClusterState, set: StsObject): RevisionObject[] {
  return listObjects<RevisionObject>(state, 'ControllerRevision', set.metadata.namespace)
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === set.metadata.uid))
    .sort((a, b) => a.revision - b.revision || (a.metadata.name < b.metadata.name ? -1 : 1));
}

/**
 * Finds or creates the update revision for the set's current template and
 * resolves the current revision (R3.1). Reusing an older equal revision bumps
 * its number (rollback, R8.8).
 */
export function syncRevisions(state: ClusterState, set: StsObject): { current: RevisionObject; update: RevisionObject } {
  adoptOrphanRevisions(state, set);
  const revisions = ownedRevisions(state, set);
  let hash = templateHash(set.spec?.template);
  // A name taken by a revision we do not own is a hash collision: probe with a collision count.
  for (let probe = 1; probe < 10 && nameTakenByOther(state, set, `${set.metadata.name}-${hash}`); probe++) {
    hash = templateHash({ template: set.spec?.template, collisionCount: probe });
  }
  const data = revisionData(set.spec?.template);
  const next = (revisions[revisions.length - 1]?.revision ?? 0) + 1;
  const wanted = canonicalByContent(data);
  const equal = revisions.filter((r) => canonicalOf(r.data) === wanted);
  let update: RevisionObject;
  const last = revisions[revisions.length - 1];
  const lastEqual = equal[equal.length - 1];
  if (last && lastEqual && last.metadata.name === lastEqual.metadata.name) {
    update = last;
  } else if (lastEqual) {
    update = updateObject<RevisionObject>(state, 'ControllerRevision', set.metadata.namespace, lastEqual.metadata.name, (r) => {
      r.revision = next;
    }) as RevisionObject;
  } else {
    update = createObject<RevisionObject>(state, {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${set.metadata.name}-${hash}`,
        namespace: set.metadata.namespace,
        labels: { ...set.spec?.template.metadata?.labels, 'controller.kubernetes.io/hash': hash },
        ownerReferences: [ownerRef(set)],
      },
      data,
      revision: next,
    });
  }
  const currentName = set.status?.currentRevision;
  const current = (currentName && ownedRevisions(state, set).find((r) => r.metadata.name === currentName)) || update;
  return { current, update };
}

/** Revisions left behind by an orphaning delete are adopted by a new set whose selector matches (ClaimControllerRevisions). */
function adoptOrphanRevisions(state: ClusterState, set: StsObject): void {
  for (const rev of listObjects<RevisionObject>(state, 'ControllerRevision', set.metadata.namespace)) {
    if (rev.metadata.ownerReferences?.some((o) => o.controller)) continue;
    if (!selectorMatches(set.spec?.selector, rev.metadata.labels)) continue;
    updateObject<RevisionObject>(state, 'ControllerRevision', rev.metadata.namespace, rev.metadata.name, (r) => {
      r.metadata.ownerReferences = [...(r.metadata.ownerReferences ?? []), ownerRef(set)];
    });
  }
}

function nameTakenByOther(state: ClusterState, set: StsObject, name: string): boolean {
  const existing = getObject<RevisionObject>(state, 'ControllerRevision', set.metadata.namespace, name);
  return existing !== undefined && !existing.metadata.ownerReferences?.some((o) => o.uid === set.metadata.uid);
}

/** Deletes revisions beyond `revisionHistoryLimit` that no pod or status references (R8.2). */
export function truncateHistory(state: ClusterState, set: StsObject, live: Set<string>): void {
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  const history = ownedRevisions(state, set).filter((r) => !live.has(r.metadata.name));
  const excess = history.length - limit;
  for (let i = 0; i < excess; i++) {
    const rev = history[i] as RevisionObject;
    removeObject(state, 'ControllerRevision', rev.metadata.namespace, rev.metadata.name);
  }
}
