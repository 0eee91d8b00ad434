// The commands the context menu offers for an object: each item is the command line it runs
// (issue #3 §4), so menu actions show up in the terminal history and in the journal. Labels are
// translation keys of the `common` namespace (`menu.*`); the command lines stay as kubectl reads them.
import type { ObjectRef } from '../../src/protocol/messages';

export interface MenuItem {
  /** Dotted test id suffix, e.g. `delete` → `menu.delete`. */
  id: string;
  /** Translation key of the label (`menu.pod.delete`), with its values. */
  label: string;
  labelValues?: Record<string, number>;
  line: string;
}

/** Menu items for an object; `replicas` is the StatefulSet's current spec.replicas when known. */
export function menuItems(ref: ObjectRef, replicas?: number): MenuItem[] {
  const { kind, name } = ref;
  const ns = ref.namespace && ref.namespace !== 'default' ? ` -n ${ref.namespace}` : '';
  switch (kind) {
    case 'Pod':
      return [
        { id: 'delete', label: 'menu.pod.delete', line: `kubectl delete pod ${name}${ns}` },
        { id: 'crash', label: 'menu.pod.crash', line: `sim crash ${name}${ns}` },
        { id: 'crash-loop', label: 'menu.pod.crashLoop', line: `sim crash ${name}${ns} --loop` },
        { id: 'break-readiness', label: 'menu.pod.breakReadiness', line: `sim break-readiness ${name}${ns}` },
        { id: 'fix-readiness', label: 'menu.pod.fixReadiness', line: `sim fix-readiness ${name}${ns}` },
        { id: 'exec', label: 'menu.pod.exec', line: `kubectl exec -it ${name}${ns} -- sh` },
      ];
    case 'StatefulSet': {
      const n = replicas ?? 1;
      const up = n + 1;
      const down = Math.max(0, n - 1);
      return [
        { id: 'scale-up', label: 'menu.scaleUp', labelValues: { count: up }, line: `kubectl scale statefulset ${name}${ns} --replicas=${up}` },
        { id: 'scale-down', label: 'menu.scaleDown', labelValues: { count: down }, line: `kubectl scale statefulset ${name}${ns} --replicas=${down}` },
        { id: 'delete', label: 'menu.deleteWithPods', line: `kubectl delete statefulset ${name}${ns}` },
        { id: 'delete-orphan', label: 'menu.deleteKeepPods', line: `kubectl delete statefulset ${name}${ns} --cascade=orphan` },
      ];
    }
    case 'Deployment':
    case 'ReplicaSet': {
      const up = (replicas ?? 1) + 1;
      const down = Math.max(0, (replicas ?? 1) - 1);
      return [
        { id: 'scale-up', label: 'menu.scaleUp', labelValues: { count: up }, line: `kubectl scale ${kind.toLowerCase()} ${name}${ns} --replicas=${up}` },
        { id: 'scale-down', label: 'menu.scaleDown', labelValues: { count: down }, line: `kubectl scale ${kind.toLowerCase()} ${name}${ns} --replicas=${down}` },
        { id: 'delete', label: 'menu.delete', line: `kubectl delete ${kind.toLowerCase()} ${name}${ns}` },
      ];
    }
    case 'Node':
      return [
        { id: 'cordon', label: 'menu.node.cordon', line: `kubectl cordon ${name}` },
        { id: 'uncordon', label: 'menu.node.uncordon', line: `kubectl uncordon ${name}` },
        { id: 'drain', label: 'menu.node.drain', line: `kubectl drain ${name} --ignore-daemonsets` },
        { id: 'node-down', label: 'menu.node.down', line: `sim node-down ${name}` },
        { id: 'node-up', label: 'menu.node.up', line: `sim node-up ${name}` },
        { id: 'remove', label: 'menu.node.remove', line: `sim remove-node ${name}` },
      ];
    case 'PersistentVolumeClaim':
      return [{ id: 'delete', label: 'menu.deleteClaim', line: `kubectl delete pvc ${name}${ns}` }];
    case 'Service':
      return [{ id: 'delete', label: 'menu.deleteService', line: `kubectl delete service ${name}${ns}` }];
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
