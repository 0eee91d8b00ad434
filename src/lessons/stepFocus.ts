/**
 * The object a lesson step is about, for the graph's camera: the subject of its first check that
 * has a card of its own (a pod, a claim, a node, a StatefulSet or a Deployment). "Write a line into
 * remote-1's volume" checks claim `www-remote-1`, so the step opens with that claim in view.
 */
import type { ObjectRef } from '../protocol/messages';
import type { LessonStep } from './lesson';
import type { LessonCheck } from './checks';

const KINDS: Partial<Record<LessonCheck['on'], string>> = {
  pod: 'Pod',
  claim: 'PersistentVolumeClaim',
  node: 'Node',
  statefulSet: 'StatefulSet',
  deployment: 'Deployment',
};

/** The object the step's checks are about first, or undefined (only selectors or DNS names). */
export function stepFocus(step: LessonStep): ObjectRef | undefined {
  for (const check of step.check) {
    const kind = KINDS[check.on];
    if (!kind || !('name' in check)) continue;
    if (check.on === 'node') return { kind, name: check.name };
    return { kind, namespace: check.namespace ?? 'default', name: check.name };
  }
  return undefined;
}
