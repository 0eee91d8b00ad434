/**
 * Pod spec validation on create, as the API server does it for Pods and for the pod templates of
 * Deployments, ReplicaSets, DaemonSets and Jobs: `pkg/apis/core/validation/validation.go`
 * (ValidatePodTemplateSpec, ValidatePodSpec, ValidateVolumes, validateContainers,
 * validateContainerCommon, validateProbe, ValidateContainerResourceRequirements), Kubernetes 1.33.
 *
 * Runs on the defaulted object (restartPolicy, dnsPolicy, imagePullPolicy, ... are filled).
 * Covered: volumes (name, one source, claimName/path/name of common sources), containers (name,
 * image, ports, env names, volume mounts, pull policy, requests vs limits, probes), restartPolicy,
 * dnsPolicy, nodeSelector labels, serviceAccountName, hostname/subdomain, activeDeadlineSeconds.
 * Left out: security contexts, affinity, topology spread, DNS config, resource claims, ephemeral
 * containers, seccomp/AppArmor annotations, resource-name rules.
 */
import type { Container, PodSpec, PodTemplateSpec, Probe, Volume } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../model/quantity';
import {
  child,
  duplicate,
  forbidden,
  goInt,
  goQuote,
  index,
  invalid,
  key,
  nonNegative,
  notFound,
  notSupported,
  required,
  type FieldError,
} from './fieldErrors';
import {
  annotationErrors,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  labelErrors,
  nameErrors,
  portNumOrNameErrors,
} from './nameValidation';

/** The volume sources we recognise (any other key of a Volume counts as a source too). */
function volumeSources(volume: Volume): string[] {
  return Object.keys(volume).filter((k) => k !== 'name');
}

function volumeErrors(volumes: Volume[] | undefined, path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((volume, i) => {
    const at = index(path, i);
    const el: FieldError[] = [];
    const sources = volumeSources(volume);
    if (sources.length === 0) el.push(required(at, 'must specify a volume type'));
    sources.slice(1).forEach((source) => el.push(forbidden(child(at, source), 'may not specify more than 1 volume type')));
    const claim = volume.persistentVolumeClaim;
    if (claim && !claim.claimName) el.push(required(child(at, 'persistentVolumeClaim', 'claimName')));
    if (volume.hostPath && !volume.hostPath.path) el.push(required(child(at, 'hostPath', 'path')));
    if (volume.configMap && !volume.configMap.name) el.push(required(child(at, 'configMap', 'name')));
    if (volume.secret && !volume.secret.secretName) el.push(required(child(at, 'secret', 'secretName')));
    if (!volume.name) el.push(required(child(at, 'name')));
    else el.push(...nameErrors(volume.name, child(at, 'name'), isDNS1123Label));
    if (names.has(volume.name)) el.push(duplicate(child(at, 'name'), goQuote(volume.name)));
    // Only error-free volumes can be mounted (ValidateVolumes builds its map that way).
    if (el.length === 0) names.add(volume.name);
    errs.push(...el);
  });
  return { errs, names };
}

function probeErrors(probe: Probe | undefined, path: string, mustSucceedOnce: boolean): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  const handlers = (['exec', 'httpGet', 'tcpSocket', 'grpc'] as const).filter((h) => probe[h] !== undefined);
  handlers.slice(1).forEach((h) => errs.push(forbidden(child(path, h), 'may not specify more than 1 handler type')));
  const first = handlers[0];
  if (first === 'exec' && !probe.exec?.command?.length) errs.push(required(child(path, 'exec', 'command')));
  if (first === 'httpGet' && probe.httpGet) {
    const http = probe.httpGet;
    if (!http.path) errs.push(required(child(path, 'httpGet', 'path')));
    errs.push(...portNumOrNameErrors(http.port ?? 0, child(path, 'httpGet', 'port')));
    if (http.scheme !== 'HTTP' && http.scheme !== 'HTTPS') {
      errs.push(notSupported(child(path, 'httpGet', 'scheme'), goQuote(http.scheme ?? ''), ['HTTP', 'HTTPS']));
    }
  }
  if (first === 'tcpSocket') errs.push(...portNumOrNameErrors(probe.tcpSocket?.port ?? 0, child(path, 'tcpSocket', 'port')));
  if (first === 'grpc') errs.push(...isValidPortNum(probe.grpc?.port ?? 0).map((m) => invalid(child(path, 'grpc', 'port'), goInt(probe.grpc?.port ?? 0), m)));
  if (!first) errs.push(required(path, 'must specify a handler type'));
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...nonNegative(probe[field], child(path, field)));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), goInt(probe.terminationGracePeriodSeconds), 'must be greater than 0'));
  }
  if (mustSucceedOnce && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errs.push(invalid(child(path, 'successThreshold'), goInt(probe.successThreshold), 'must be 1'));
  }
  return errs;
}

function resourceErrors(container: Container, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  for (const [name, q] of Object.entries(limits)) {
    const v = parseQuantity(q);
    if (v !== undefined && v < 0) errs.push(invalid(key(child(path, 'limits'), name), goQuote(String(q)), 'must be greater than or equal to 0'));
  }
  for (const [name, q] of Object.entries(requests)) {
    const v = parseQuantity(q);
    if (v !== undefined && v < 0) errs.push(invalid(key(child(path, 'requests'), name), goQuote(String(q)), 'must be greater than or equal to 0'));
    const limit = limits[name];
    const lv = parseQuantity(limit);
    if (v !== undefined && lv !== undefined && v > lv) {
      errs.push(invalid(child(path, 'requests'), goQuote(String(q)), `must be less than or equal to ${name} limit of ${String(limit)}`));
    }
  }
  return errs;
}

function containerErrors(container: Container, path: string, volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!container.name) errs.push(required(child(path, 'name')));
  else errs.push(...nameErrors(container.name, child(path, 'name'), isDNS1123Label));
  if (!container.image) errs.push(required(child(path, 'image')));
  const policy = container.terminationMessagePolicy;
  if (!policy) errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (policy !== 'File' && policy !== 'FallbackToLogsOnError') {
    errs.push(notSupported(child(path, 'terminationMessagePolicy'), goQuote(policy), ['File', 'FallbackToLogsOnError']));
  }
  const portNames = new Set<string>();
  (container.ports ?? []).forEach((port, i) => {
    const at = index(child(path, 'ports'), i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(child(at, 'name'), goQuote(port.name as string), m)));
      else if (portNames.has(port.name)) errs.push(duplicate(child(at, 'name'), goQuote(port.name)));
      else portNames.add(port.name);
    }
    if (!port.containerPort) errs.push(required(child(at, 'containerPort')));
    else errs.push(...isValidPortNum(port.containerPort).map((m) => invalid(child(at, 'containerPort'), goInt(port.containerPort), m)));
    if (port.hostPort) errs.push(...isValidPortNum(port.hostPort).map((m) => invalid(child(at, 'hostPort'), goInt(port.hostPort as number), m)));
    if (!port.protocol) errs.push(required(child(at, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errs.push(notSupported(child(at, 'protocol'), goQuote(port.protocol), ['SCTP', 'TCP', 'UDP']));
  });
  (container.env ?? []).forEach((env, i) => {
    if (!env.name) errs.push(required(child(index(child(path, 'env'), i), 'name')));
  });
  const mountPaths = new Set<string>();
  (container.volumeMounts ?? []).forEach((mount, i) => {
    const at = index(child(path, 'volumeMounts'), i);
    if (!mount.name) errs.push(required(child(at, 'name')));
    if (!volumes.has(mount.name)) errs.push(notFound(child(at, 'name'), goQuote(mount.name ?? '')));
    if (!mount.mountPath) errs.push(required(child(at, 'mountPath')));
    if (mountPaths.has(mount.mountPath)) errs.push(invalid(child(at, 'mountPath'), goQuote(mount.mountPath), 'must be unique'));
    mountPaths.add(mount.mountPath);
  });
  const pull = container.imagePullPolicy;
  if (!pull) errs.push(required(child(path, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(notSupported(child(path, 'imagePullPolicy'), goQuote(pull), ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...resourceErrors(container, child(path, 'resources')));
  return errs;
}

function containersErrors(containers: Container[] | undefined, path: string, volumes: Set<string>): FieldError[] {
  if (!containers?.length) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const at = index(path, i);
    errs.push(...containerErrors(container, at, volumes));
    if (names.has(container.name)) errs.push(duplicate(child(at, 'name'), goQuote(container.name)));
    else names.add(container.name);
    errs.push(...probeErrors(container.livenessProbe, child(at, 'livenessProbe'), true));
    errs.push(...probeErrors(container.readinessProbe, child(at, 'readinessProbe'), false));
    errs.push(...probeErrors(container.startupProbe, child(at, 'startupProbe'), true));
  });
  return errs;
}

function initContainersErrors(containers: Container[] | undefined, regular: Container[] | undefined, path: string, volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (containers ?? []).forEach((container, i) => {
    const at = index(path, i);
    errs.push(...containerErrors(container, at, volumes));
    if (names.has(container.name)) errs.push(duplicate(child(at, 'name'), goQuote(container.name)));
    else if (container.name) names.add(container.name);
    if (container.restartPolicy !== 'Always') {
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (container[probe]) errs.push(forbidden(child(at, probe), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** `ValidatePodSpec` at `path` (`spec` for a Pod, `spec.template.spec` for a template). */
export function podSpecErrors(spec: PodSpec | undefined, path: string): FieldError[] {
  const s: Partial<PodSpec> = spec ?? {};
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined) errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  const { errs: volErrs, names } = volumeErrors(s.volumes, child(path, 'volumes'));
  errs.push(...volErrs);
  errs.push(...containersErrors(s.containers, child(path, 'containers'), names));
  errs.push(...initContainersErrors(s.initContainers, s.containers, child(path, 'initContainers'), names));
  const restart = s.restartPolicy ?? '';
  if (!restart) errs.push(required(child(path, 'restartPolicy')));
  else if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    errs.push(notSupported(child(path, 'restartPolicy'), goQuote(restart), ['Always', 'OnFailure', 'Never']));
  }
  const dns = s.dnsPolicy ?? '';
  if (!dns) errs.push(required(child(path, 'dnsPolicy')));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) {
    errs.push(notSupported(child(path, 'dnsPolicy'), goQuote(dns), ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  errs.push(...labelErrors(s.nodeSelector, child(path, 'nodeSelector')));
  if (s.serviceAccountName) errs.push(...nameErrors(s.serviceAccountName, child(path, 'serviceAccountName'), isDNS1123Subdomain));
  if (s.nodeName) errs.push(...nameErrors(s.nodeName, child(path, 'nodeName'), isDNS1123Subdomain));
  if (s.activeDeadlineSeconds !== undefined && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), goInt(s.activeDeadlineSeconds), 'must be between 1 and 2147483647, inclusive'));
  }
  if (s.hostname) errs.push(...nameErrors(s.hostname, child(path, 'hostname'), isDNS1123Label));
  if (s.subdomain) errs.push(...nameErrors(s.subdomain, child(path, 'subdomain'), isDNS1123Label));
  return errs;
}

/** `ValidatePodTemplateSpec` at `path` (e.g. `spec.template`): template labels, annotations, pod spec. */
export function podTemplateErrors(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  // Upstream validates template labels at `<path>.labels`, not `<path>.metadata.labels`.
  return [
    ...labelErrors(template?.metadata?.labels, child(path, 'labels')),
    ...annotationErrors(template?.metadata?.annotations, child(path, 'annotations')),
    ...podSpecErrors(template?.spec, child(path, 'spec')),
  ];
}
