/**
 * Invariants the property tests check after every command, and the manifest
 * they start from: guarantees a StatefulSet gives whatever happens around it.
 */
import type { ClusterState } from '../engine/clusterState';
import { listObjects } from '../engine/store';
import type { KObject } from '../model/objects';

/** The `web` StatefulSet (3 replicas, one RWO claim each) and its headless Service. */
export const WEB_STATEFULSET = `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{name: web, port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

/** At most one pod per identity has running containers (R12.6, at-most-one). */
export function assertAtMostOneRunningPerIdentity(state: ClusterState): void {
  const running = new Map<string, number>();
  for (const rec of Object.values(state.runtime.pods)) {
    if (!rec.containers.some((c) => c.state === 'running')) continue;
    running.set(rec.key, (running.get(rec.key) ?? 0) + 1);
  }
  for (const [key, count] of running) if (count > 1) throw new Error(`${count} running pods with identity ${key}`);
}

/** No ReadWriteOnce volume is attached to two nodes (R9.11). */
export function assertRwoAttachedOnce(state: ClusterState): void {
  for (const pv of listObjects<KObject & { spec?: { accessModes?: string[] } }>(state, 'PersistentVolume')) {
    const attached = state.runtime.volumes[pv.metadata.name]?.attachedTo ?? [];
    if (pv.spec?.accessModes?.includes('ReadWriteOnce') && attached.length > 1) {
      throw new Error(`RWO volume ${pv.metadata.name} attached to ${attached.join(', ')}`);
    }
  }
}
