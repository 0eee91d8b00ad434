/**
 * The registry of Kubernetes kinds Ordinal simulates: API group/version,
 * scope, the names kubectl accepts (plural, singular, short) and the
 * `<resource>.<group>` form kubectl prints in acknowledgements.
 */

export interface KindInfo {
  kind: string;
  apiVersion: string;
  /** Lower-case plural resource name, e.g. `statefulsets`. */
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** API group ('' for core). */
  group: string;
  /** True when the object has a `spec` whose changes bump `metadata.generation`. */
  hasGeneration: boolean;
}

const k = (
  kind: string,
  apiVersion: string,
  plural: string,
  shortNames: string[],
  namespaced = true,
  hasGeneration = false,
): KindInfo => ({
  kind,
  apiVersion,
  plural,
  singular: kind.toLowerCase(),
  shortNames,
  namespaced,
  group: apiVersion.includes('/') ? (apiVersion.split('/')[0] as string) : '',
  hasGeneration,
});

/** Every kind the engine knows, in `kubectl api-resources` spirit. */
export const KINDS: readonly KindInfo[] = [
  k('Namespace', 'v1', 'namespaces', ['ns'], false),
  k('Node', 'v1', 'nodes', ['no'], false),
  k('Pod', 'v1', 'pods', ['po']),
  k('Service', 'v1', 'services', ['svc']),
  k('Endpoints', 'v1', 'endpoints', ['ep']),
  k('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', ['pvc']),
  k('PersistentVolume', 'v1', 'persistentvolumes', ['pv'], false),
  k('ConfigMap', 'v1', 'configmaps', ['cm']),
  k('Secret', 'v1', 'secrets', []),
  k('ServiceAccount', 'v1', 'serviceaccounts', ['sa']),
  k('StatefulSet', 'apps/v1', 'statefulsets', ['sts'], true, true),
  k('Deployment', 'apps/v1', 'deployments', ['deploy'], true, true),
  k('ReplicaSet', 'apps/v1', 'replicasets', ['rs'], true, true),
  k('DaemonSet', 'apps/v1', 'daemonsets', ['ds'], true, true),
  k('ControllerRevision', 'apps/v1', 'controllerrevisions', []),
  k('Job', 'batch/v1', 'jobs', [], true, true),
  k('CronJob', 'batch/v1', 'cronjobs', ['cj'], true, true),
  k('StorageClass', 'storage.k8s.io/v1', 'storageclasses', ['sc'], false),
  k('VolumeAttachment', 'storage.k8s.io/v1', 'volumeattachments', [], false),
  k('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', []),
  k('PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets', ['pdb'], true, true),
  k('Event', 'v1', 'events', ['ev']),
  k('Lease', 'coordination.k8s.io/v1', 'leases', []),
];

const byKind = new Map(KINDS.map((info) => [info.kind, info]));
const byName = new Map<string, KindInfo>();
for (const info of KINDS) {
  for (const name of [info.plural, info.singular, info.kind.toLowerCase(), ...info.shortNames]) {
    byName.set(name, info);
    if (info.group) byName.set(`${name}.${info.group}`, info);
  }
}

/** Looks a kind up by its Kind (`StatefulSet`). */
export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

/** Resolves what a user typed after `kubectl get` (`sts`, `pods`, `statefulset.apps`). */
export function resolveResource(name: string): KindInfo | undefined {
  return byName.get(name.toLowerCase());
}

/** `statefulset.apps` / `service` / `persistentvolumeclaim`: the prefix kubectl prints in acknowledgements. */
export function qualifiedResource(kind: string): string {
  const info = byKind.get(kind);
  if (!info) return kind.toLowerCase();
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}
