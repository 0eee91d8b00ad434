// The commands the context menu offers for an object: each item is the command line it runs
// (issue #3 §4), so menu actions show up in the terminal history and in the journal.
import type { ObjectRef } from '../../src/protocol/messages';

export interface MenuItem {
  /** Dotted test id suffix, e.g. `delete` → `menu.delete`. */
  id: string;
  label: string;
  line: string;
}

/** Menu items for an object; `replicas` is the StatefulSet's current spec.replicas when known. */
export function menuItems(ref: ObjectRef, replicas?: number): MenuItem[] {
  const { kind, name } = ref;
  const ns = ref.namespace && ref.namespace !== 'default' ? ` -n ${ref.namespace}` : '';
  switch (kind) {
    case 'Pod':
      return [
        { id: 'delete', label: 'Delete pod', line: `kubectl delete pod ${name}${ns}` },
        { id: 'crash', label: 'Crash container', line: `sim crash ${name}${ns}` },
        { id: 'crash-loop', label: 'Crash on every start', line: `sim crash ${name}${ns} --loop` },
        { id: 'break-readiness', label: 'Break readiness', line: `sim break-readiness ${name}${ns}` },
        { id: 'fix-readiness', label: 'Fix readiness', line: `sim fix-readiness ${name}${ns}` },
        { id: 'exec', label: 'Open a shell', line: `kubectl exec -it ${name}${ns} -- sh` },
      ];
    case 'StatefulSet': {
      const n = replicas ?? 1;
      return [
        { id: 'scale-up', label: `Scale to ${n + 1}`, line: `kubectl scale statefulset ${name}${ns} --replicas=${n + 1}` },
        { id: 'scale-down', label: `Scale to ${Math.max(0, n - 1)}`, line: `kubectl scale statefulset ${name}${ns} --replicas=${Math.max(0, n - 1)}` },
        { id: 'delete', label: 'Delete (and its pods)', line: `kubectl delete statefulset ${name}${ns}` },
        { id: 'delete-orphan', label: 'Delete, keep the pods', line: `kubectl delete statefulset ${name}${ns} --cascade=orphan` },
      ];
    }
    case 'Deployment':
    case 'ReplicaSet':
      return [
        { id: 'scale-up', label: `Scale to ${(replicas ?? 1) + 1}`, line: `kubectl scale ${kind.toLowerCase()} ${name}${ns} --replicas=${(replicas ?? 1) + 1}` },
        { id: 'scale-down', label: `Scale to ${Math.max(0, (replicas ?? 1) - 1)}`, line: `kubectl scale ${kind.toLowerCase()} ${name}${ns} --replicas=${Math.max(0, (replicas ?? 1) - 1)}` },
        { id: 'delete', label: 'Delete', line: `kubectl delete ${kind.toLowerCase()} ${name}${ns}` },
      ];
    case 'Node':
      return [
        { id: 'cordon', label: 'Cordon', line: `kubectl cordon ${name}` },
        { id: 'uncordon', label: 'Uncordon', line: `kubectl uncordon ${name}` },
        { id: 'drain', label: 'Drain', line: `kubectl drain ${name} --ignore-daemonsets` },
        { id: 'node-down', label: 'Node down (kubelet stops)', line: `sim node-down ${name}` },
        { id: 'node-up', label: 'Node up', line: `sim node-up ${name}` },
        { id: 'remove', label: 'Remove node', line: `sim remove-node ${name}` },
      ];
    case 'PersistentVolumeClaim':
      return [{ id: 'delete', label: 'Delete claim', line: `kubectl delete pvc ${name}${ns}` }];
    case 'Service':
      return [{ id: 'delete', label: 'Delete service', line: `kubectl delete service ${name}${ns}` }];
    default:
      return [];
  }
}

/** Largest replica count the "Scale to N…" field accepts. */
export const MAX_SCALE = 99;

/**
 * The line of "Scale to N…" on a StatefulSet (`kubectl scale sts web --replicas=4`), or undefined
 * when `value` is not a whole number from 0 to MAX_SCALE.
 */
export function scaleToLine(ref: ObjectRef, value: string): string | undefined {
  if (!/^\d{1,3}$/.test(value.trim())) return undefined;
  const replicas = Number(value.trim());
  if (replicas > MAX_SCALE) return undefined;
  const ns = ref.namespace && ref.namespace !== 'default' ? ` -n ${ref.namespace}` : '';
  return `kubectl scale sts ${ref.name}${ns} --replicas=${replicas}`;
}
