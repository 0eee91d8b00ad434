/**
 * Secondary indexes over the store (volumes by the claim they name, …), so a
 * controller looking for "the objects related to this one" does not scan a
 * whole kind for every object it syncs.
 *
 * An index is kept outside the JSON state, in a memo keyed by the state
 * object, and brought up to date from the change log (`state.changes`) on
 * each lookup: every write the store makes is in that log, so replaying the
 * entries after the last one seen gives exactly what a fresh scan would. A
 * state the index has never seen (a clone, a replay) or whose log does not
 * continue from the last position seen is indexed from scratch.
 */
import type { KObject } from '../model/objects';
import type { ClusterState } from './clusterState';
import { listObjects } from './store';

/** How to index one kind: the index keys an object files under (none, one or several). */
export interface StoreIndex<T extends KObject = KObject> {
  /** Unique name of the index (the memo is per index). */
  name: string;
  kind: string;
  keysOf(obj: T): readonly string[];
}

interface IndexMemo {
  /** Change-log position the index reflects. */
  seq: number;
  /** index key → store keys of the objects filed under it. */
  byKey: Map<string, Set<string>>;
  /** store key → the index keys its current version is filed under. */
  filed: Map<string, readonly string[]>;
}

const memos = new WeakMap<ClusterState, Map<string, IndexMemo>>();

function file(memo: IndexMemo, storeKey: string, keys: readonly string[]): void {
  memo.filed.set(storeKey, keys);
  for (const key of keys) {
    let set = memo.byKey.get(key);
    if (!set) {
      set = new Set();
      memo.byKey.set(key, set);
    }
    set.add(storeKey);
  }
}

function unfile(memo: IndexMemo, storeKey: string): void {
  for (const key of memo.filed.get(storeKey) ?? []) memo.byKey.get(key)?.delete(storeKey);
  memo.filed.delete(storeKey);
}

function build<T extends KObject>(state: ClusterState, index: StoreIndex<T>): IndexMemo {
  const memo: IndexMemo = { seq: state.counters.seq, byKey: new Map(), filed: new Map() };
  const keys = state.index[index.kind] ?? [];
  listObjects<T>(state, index.kind).forEach((obj, i) => file(memo, keys[i] as string, index.keysOf(obj)));
  return memo;
}

/** Replays the log entries after `memo.seq`; false when the log does not continue from there. */
function catchUp<T extends KObject>(state: ClusterState, index: StoreIndex<T>, memo: IndexMemo): boolean {
  const changes = state.changes;
  const first = changes[0];
  if (state.counters.seq < memo.seq || (first !== undefined && first.seq > memo.seq + 1)) return false;
  let i = changes.length;
  while (i > 0 && (changes[i - 1]?.seq ?? 0) > memo.seq) i--;
  for (; i < changes.length; i++) {
    const change = changes[i];
    if (!change || change.kind !== index.kind) continue;
    unfile(memo, change.key);
    if (change.type !== 'DELETED') file(memo, change.key, index.keysOf(change.object as T));
  }
  memo.seq = state.counters.seq;
  return true;
}

function memoOf<T extends KObject>(state: ClusterState, index: StoreIndex<T>): IndexMemo {
  let perState = memos.get(state);
  if (!perState) {
    perState = new Map();
    memos.set(state, perState);
  }
  let memo = perState.get(index.name);
  if (!memo || (memo.seq !== state.counters.seq && !catchUp(state, index, memo))) {
    memo = build(state, index);
    perState.set(index.name, memo);
  }
  return memo;
}

/**
 * The objects filed under any of `keys`, in store order (namespace, name) like
 * `listObjects`, each once.
 */
export function lookupIndex<T extends KObject>(state: ClusterState, index: StoreIndex<T>, ...keys: string[]): T[] {
  const memo = memoOf(state, index);
  const storeKeys = new Set<string>();
  for (const key of keys) for (const storeKey of memo.byKey.get(key) ?? []) storeKeys.add(storeKey);
  const map = state.objects[index.kind] ?? {};
  return [...storeKeys].sort().map((storeKey) => map[storeKey] as T);
}
