/**
 * The shape every simulated API object shares, and small typed accessors.
 * Objects are real Kubernetes objects (typed by `kubernetes-types`), stored as
 * plain JSON data.
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

/** Any API object: apiVersion, kind, metadata and whatever else the kind carries. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string };
  // Kind-specific fields (spec, status, data, ...) are reached through the typed kinds.
  [field: string]: unknown;
}

/** Store key of an object: `namespace/name`, or `name` for cluster-scoped kinds. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** `kind/namespace/name`, unique across the store. */
export function refOf(obj: { kind: string; metadata: { namespace?: string; name?: string } }): string {
  return `${obj.kind}/${objectKey(obj.metadata.namespace, obj.metadata.name ?? '')}`;
}

/** The controller owner reference, if any (R2.5). */
export function controllerOf(obj: { metadata?: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((ref) => ref.controller === true);
}

/** True when the object has been marked for deletion. */
export function isDeleting(obj: { metadata?: ObjectMeta }): boolean {
  return Boolean(obj.metadata?.deletionTimestamp);
}

/** Builds an owner reference pointing at `owner`. */
export function ownerRef(owner: KObject, controller = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller,
    blockOwnerDeletion: true,
  };
}

/** Removes kubernetes-types' `readonly` markers (server-set fields) for code that plays the server. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/** The metadata of an object, writable (uid, resourceVersion, deletionTimestamp...). */
export function writableMeta(obj: { metadata: ObjectMeta }): Mutable<ObjectMeta> {
  return obj.metadata as Mutable<ObjectMeta>;
}

/** Sets the status of an object whose type declares it read-only. */
export function setStatus<T extends { status?: unknown }>(obj: T, status: T['status']): void {
  (obj as { status?: unknown }).status = status;
}

/** JSON with object keys sorted: equal for objects that differ only in key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
