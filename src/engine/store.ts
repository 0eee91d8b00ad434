/**
 * The in-memory API server store: create, read, update and remove objects
 * with uid, resourceVersion, generation and creationTimestamp handled the way
 * the real API server does. Every effective write appends to the change log;
 * writes that change nothing are dropped (no resourceVersion bump, no watch
 * event), which is also how the reconcile loop detects a fixpoint.
 *
 * Objects are copy-on-write: an update stores a new object, so a reference
 * kept in the change log is a faithful snapshot. Copies and the no-change
 * test follow JSON semantics (jsonData.ts) without going through JSON text.
 */
import { kindInfo } from '../model/kinds';
import { objectKey, writableMeta, type KObject } from '../model/objects';
import { toTimestamp } from '../model/duration';
import type { ClusterState } from './clusterState';
import { jsonClone, jsonEqual } from './jsonData';
import { randomUid } from './random';

function kindMap(state: ClusterState, kind: string): Record<string, KObject> {
  let map = state.objects[kind];
  if (!map) {
    map = {};
    state.objects[kind] = map;
    state.index[kind] = [];
  }
  return map;
}

/** Timestamps formatted lately, by epoch ms: controllers stamp many objects with the same few instants. */
const stamps = new Map<number, string>();
const STAMP_MEMO_LIMIT = 4096;

/** `toTimestamp(epochMs)`, remembered (formatting a Date is slow and the same instants recur). */
export function timestampAt(epochMs: number): string {
  let text = stamps.get(epochMs);
  if (text === undefined) {
    text = toTimestamp(epochMs);
    if (stamps.size >= STAMP_MEMO_LIMIT) stamps.clear();
    stamps.set(epochMs, text);
  }
  return text;
}

/** The simulated wall-clock time as an RFC 3339 timestamp. */
export function nowTimestamp(state: ClusterState): string {
  return timestampAt(state.epochMs + state.now);
}

/** Reads one object. */
export function getObject<T = KObject>(state: ClusterState, kind: string, namespace: string | undefined, name: string): T | undefined {
  return state.objects[kind]?.[objectKey(namespace, name)] as T | undefined;
}

/** Reads one object by its store key (`namespace/name`, or `name` for cluster-scoped kinds). */
export function getObjectByKey<T = KObject>(state: ClusterState, kind: string, key: string): T | undefined {
  return state.objects[kind]?.[key] as T | undefined;
}

/** Lists objects of a kind in (namespace, name) order, optionally in one namespace. */
export function listObjects<T = KObject>(state: ClusterState, kind: string, namespace?: string): T[] {
  const map = state.objects[kind];
  if (!map) return [];
  const keys = state.index[kind] ?? [];
  const out: T[] = [];
  const prefix = namespace === undefined ? undefined : `${namespace}/`;
  for (const key of keys) {
    if (prefix !== undefined && !key.startsWith(prefix)) continue;
    out.push(map[key] as T);
  }
  return out;
}

function insertSorted(keys: string[], key: string): void {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keys[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  keys.splice(lo, 0, key);
}

function record(state: ClusterState, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KObject, key: string): void {
  state.counters.seq += 1;
  state.changes.push({ seq: state.counters.seq, at: state.now, type, kind: obj.kind, key, object: obj });
}

/**
 * Creates an object, filling uid, resourceVersion, creationTimestamp and
 * generation. Throws if it already exists (callers check first; the apply
 * path turns this into kubectl's AlreadyExists message).
 */
export function createObject<T extends KObject>(state: ClusterState, input: T): T {
  const info = kindInfo(input.kind);
  const obj = jsonClone(input);
  if (info?.namespaced && !obj.metadata.namespace) obj.metadata.namespace = 'default';
  if (info && !info.namespaced) delete obj.metadata.namespace;
  const key = objectKey(obj.metadata.namespace, obj.metadata.name);
  const map = kindMap(state, obj.kind);
  if (map[key]) throw new Error(`${obj.kind} ${key} already exists`);
  state.counters.rv += 1;
  const meta = writableMeta(obj);
  meta.uid = obj.metadata.uid ?? randomUid(state.rng);
  meta.resourceVersion = String(state.counters.rv);
  meta.creationTimestamp = nowTimestamp(state);
  if (info?.hasGeneration) meta.generation = 1;
  map[key] = obj;
  insertSorted(state.index[obj.kind] as string[], key);
  record(state, 'ADDED', obj, key);
  return obj;
}

/**
 * Updates an object through a mutator applied to a copy. Returns the stored
 * object (the old one when nothing changed). Bumps `generation` when the spec
 * changed for kinds that track it.
 */
export function updateObject<T extends KObject>(
  state: ClusterState,
  kind: string,
  namespace: string | undefined,
  name: string,
  mutate: (draft: T) => void,
): T | undefined {
  const map = state.objects[kind];
  const key = objectKey(namespace, name);
  const current = map?.[key] as T | undefined;
  if (!map || !current) return undefined;
  const draft = jsonClone(current);
  mutate(draft);
  if (jsonEqual(draft, current)) return current;
  // The API server deletes an object marked for deletion once its last finalizer is gone.
  // A pod is removed by the kubelet's final delete instead, unless that already happened
  // (terminal phase, or never scheduled) and only a finalizer kept it.
  const podDone = (o: KObject) => {
    const phase = (o['status'] as { phase?: string } | undefined)?.phase;
    return phase === 'Succeeded' || phase === 'Failed' || !(o['spec'] as { nodeName?: string } | undefined)?.nodeName;
  };
  const hadFinalizers = Boolean(current.metadata.finalizers?.length);
  if (draft.metadata.deletionTimestamp && !draft.metadata.finalizers?.length && (kind !== 'Pod' || (hadFinalizers && podDone(draft)))) {
    removeObject(state, kind, namespace, name);
    return undefined;
  }
  const info = kindInfo(kind);
  if (info?.hasGeneration && !jsonEqual(draft['spec'], current['spec'])) {
    writableMeta(draft).generation = (current.metadata.generation ?? 1) + 1;
  }
  state.counters.rv += 1;
  writableMeta(draft).resourceVersion = String(state.counters.rv);
  map[key] = draft;
  record(state, 'MODIFIED', draft, key);
  return draft;
}

/** Removes an object from the store for good (the last step of any deletion). */
export function removeObject(state: ClusterState, kind: string, namespace: string | undefined, name: string): KObject | undefined {
  const map = state.objects[kind];
  const key = objectKey(namespace, name);
  const current = map?.[key];
  if (!map || !current) return undefined;
  delete map[key];
  const keys = state.index[kind] as string[];
  const at = keys.indexOf(key);
  if (at >= 0) keys.splice(at, 1);
  state.counters.rv += 1;
  record(state, 'DELETED', current, key);
  return current;
}

/** Finds an object by uid (slow path; used for owner lookups). */
export function findByUid(state: ClusterState, kind: string, namespace: string | undefined, uid: string): KObject | undefined {
  return listObjects(state, kind, namespace).find((o) => o.metadata.uid === uid);
}
