/**
 * The `pod-template-hash` of a Deployment's ReplicaSets (R15.1), after
 * `controller.ComputeHash` in `pkg/controller/controller_utils.go`: an FNV-32a
 * hash of the pod template, mixed with the Deployment's `collisionCount` once
 * a collision happened, printed in decimal and mapped digit by digit into the
 * safe alphabet (`rand.SafeEncodeString`), so hashes look like `7c5ddbdf54`.
 *
 * Upstream feeds a spew dump of the Go struct to the hasher; this hashes the
 * template's canonical JSON instead (the StatefulSet revision hash), so the
 * names have the real shape but not the real values.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { templateHash } from './statefulSetRevisions';

/** The label Deployments add to their ReplicaSets' selector, template and pods. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** The hash naming the ReplicaSet for `template`; `collisionCount` is the Deployment's `status.collisionCount`. */
export function podTemplateHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  if (collisionCount === undefined) return templateHash(template);
  return templateHash({ template, collisionCount });
}
