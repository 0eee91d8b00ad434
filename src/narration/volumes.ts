/**
 * Volume lookups the narration needs: a pod's claims, and the node a local volume lives on.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { getObject, listObjects } from '../engine/store';
import type { ClusterState } from '../engine/clusterState';
import type { KObject } from '../model/objects';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** The claims a pod mounts, in volume order. */
export function claimsOf(pod: Pod): string[] {
  return (pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}

/**
 * The node a claim's volume is pinned to by its required node affinity on `kubernetes.io/hostname`
 * (a `local-path` volume), or undefined for a volume usable anywhere.
 */
export function localVolumeNode(state: ClusterState, namespace: string | undefined, claim: string): string | undefined {
  const pvc = getObject<PersistentVolumeClaim & KObject>(state, 'PersistentVolumeClaim', namespace, claim);
  const volumeName = pvc?.spec?.volumeName;
  if (!volumeName) return undefined;
  const pv = getObject<PersistentVolume & KObject>(state, 'PersistentVolume', undefined, volumeName);
  for (const term of pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const expr of term.matchExpressions ?? []) {
      const host = expr.key === HOSTNAME_LABEL && expr.operator === 'In' ? expr.values?.[0] : undefined;
      if (host === undefined) continue;
      const node = listObjects<Node & KObject>(state, 'Node').find((n) => n.metadata.labels?.[HOSTNAME_LABEL] === host);
      return node?.metadata.name ?? host;
    }
  }
  return undefined;
}
