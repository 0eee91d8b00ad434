/**
 * What the API server fills in a pod spec: `pkg/apis/core/v1/defaults.go` (SetDefaults_PodSpec,
 * SetDefaults_Pod, SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction,
 * SetDefaults_Volume and the volume-source defaulters).
 *
 * Not here: the admission plugins (service account, default tolerations, priority), which
 * `src/engine/admission.ts` applies to new pods. Left out: host-network port defaulting.
 */
import type { Container, Pod, PodSpec, Probe, Volume } from 'kubernetes-types/core/v1';

/** The tag kubelet would pull: `latest` when the reference has neither tag nor digest (ParseImageName). */
export function imageTag(image: string): string {
  if (!image) return '';
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  if (colon >= 0) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (probe.httpGet) {
    probe.httpGet.path ||= '/';
    probe.httpGet.scheme ||= 'HTTP';
  }
}

function defaultContainer(container: Container): void {
  if (!container.imagePullPolicy) {
    container.imagePullPolicy = imageTag(container.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  // Resources is a struct (not a pointer) in Go, so it always serializes, as `{}` when empty.
  container.resources ??= {};
  for (const port of container.ports ?? []) port.protocol ||= 'TCP';
  for (const env of container.env ?? []) {
    if (env.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ||= 'v1';
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  for (const handler of [container.lifecycle?.postStart, container.lifecycle?.preStop]) {
    if (handler?.httpGet) {
      handler.httpGet.path ||= '/';
      handler.httpGet.scheme ||= 'HTTP';
    }
  }
}

function defaultVolume(volume: Volume): void {
  // A volume without any source becomes an emptyDir (SetDefaults_Volume).
  if (Object.keys(volume).every((k) => k === 'name')) volume.emptyDir = {};
  if (volume.secret) volume.secret.defaultMode ??= 420;
  if (volume.configMap) volume.configMap.defaultMode ??= 420;
  if (volume.downwardAPI) volume.downwardAPI.defaultMode ??= 420;
  if (volume.projected) volume.projected.defaultMode ??= 420;
  if (volume.hostPath) volume.hostPath.type ??= '';
}

/** SetDefaults_PodSpec and everything nested (containers, probes, volumes). Mutates `spec`. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const container of spec.containers ?? []) defaultContainer(container);
  for (const container of spec.initContainers ?? []) defaultContainer(container);
  for (const volume of spec.volumes ?? []) defaultVolume(volume);
}

function defaultRequestsToLimits(container: Container): void {
  const limits = container.resources?.limits;
  if (!limits) return;
  const resources = (container.resources ??= {});
  const requests = (resources.requests ??= {});
  for (const [name, q] of Object.entries(limits)) {
    if (!(name in requests)) requests[name] = q;
  }
}

/**
 * What a Pod object (not a pod template) gets on top of its spec defaults (SetDefaults_Pod):
 * requests copied from limits where a container sets only limits, and `enableServiceLinks: true`.
 * Mutates `pod`.
 */
export function defaultPodOnly(pod: Pod): void {
  const spec = pod.spec;
  if (!spec) return;
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultRequestsToLimits(container);
  spec.enableServiceLinks ??= true;
}
