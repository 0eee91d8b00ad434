/**
 * Create-time validation of the core, storage and policy kinds, with the API server's texts:
 * `pkg/apis/core/validation/validation.go` (ValidateService, ValidatePersistentVolumeClaimSpec,
 * ValidatePersistentVolumeSpec, ValidateConfigMap, ValidateSecret),
 * `pkg/apis/storage/validation/validation.go` (ValidateStorageClass) and
 * `pkg/apis/policy/validation/validation.go` (ValidatePodDisruptionBudgetSpec), Kubernetes 1.33.
 *
 * Left out: dual-stack IP family rules, load-balancer fields, external IPs, session-affinity
 * config, PV source-specific fields other than `hostPath.path` and `local`, Secret type rules,
 * object size caps.
 */
import type { ConfigMap, PersistentVolume, PersistentVolumeClaimSpec, Secret, Service } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
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
  notSupported,
  required,
  type FieldError,
} from './fieldErrors';
import {
  intOrPercentErrors,
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortNum,
  labelErrors,
  labelSelectorErrors,
  nameErrors,
  portNumOrNameErrors,
} from './nameValidation';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIP(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value));
}

function accessModeErrors(modes: string[] | undefined, path: string, requiredDetail: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes?.length) errs.push(required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const mode of modes ?? []) {
    if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(path, goQuote(mode), ACCESS_MODES));
    else if (mode === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

/**
 * `ValidatePersistentVolumeClaimSpec` at `path` (`spec` for a claim; the StatefulSet controller
 * can run it on `volumeClaimTemplates` when it creates claims).
 */
export function pvcSpecErrors(spec: PersistentVolumeClaimSpec | undefined, path: string): FieldError[] {
  const s: PersistentVolumeClaimSpec = spec ?? {};
  const errs = accessModeErrors(s.accessModes, child(path, 'accessModes'), 'at least 1 access mode is required');
  errs.push(...labelSelectorErrors(s.selector, child(path, 'selector')));
  const storagePath = key(child(path, 'resources'), 'storage');
  const storage = s.resources?.requests?.['storage'];
  if (storage === undefined) errs.push(required(storagePath));
  else {
    const bytes = parseQuantity(storage);
    if (bytes !== undefined && bytes <= 0) errs.push(invalid(storagePath, goQuote(String(storage)), 'must be greater than zero'));
  }
  if (s.storageClassName) errs.push(...nameErrors(s.storageClassName, child(path, 'storageClassName'), isDNS1123Subdomain));
  if (s.volumeMode !== undefined && s.volumeMode !== 'Block' && s.volumeMode !== 'Filesystem') {
    errs.push(notSupported(child(path, 'volumeMode'), goQuote(s.volumeMode), ['Block', 'Filesystem']));
  }
  return errs;
}

/** The PV volume sources (every spec key that is not a common field). */
const PV_COMMON = new Set([
  'accessModes',
  'capacity',
  'claimRef',
  'mountOptions',
  'nodeAffinity',
  'persistentVolumeReclaimPolicy',
  'storageClassName',
  'volumeAttributesClassName',
  'volumeMode',
]);

/** `ValidatePersistentVolumeSpec`. */
export function pvErrors(pv: PersistentVolume): FieldError[] {
  const spec = pv.spec ?? {};
  const errs = accessModeErrors(spec.accessModes, 'spec.accessModes', '');
  const capacity = spec.capacity ?? {};
  if (Object.keys(capacity).length === 0) {
    errs.push(required('spec.capacity'));
    errs.push(notSupported('spec.capacity', 'core.ResourceList(nil)', ['storage']));
  }
  for (const [name, q] of Object.entries(capacity)) {
    const v = parseQuantity(q);
    if (v !== undefined && v <= 0) errs.push(invalid(key('spec.capacity', name), goQuote(String(q)), 'must be greater than zero'));
  }
  const reclaim = spec.persistentVolumeReclaimPolicy;
  if (reclaim && !['Delete', 'Recycle', 'Retain'].includes(reclaim)) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', goQuote(reclaim), ['Delete', 'Recycle', 'Retain']));
  }
  const sources = Object.keys(spec).filter((k) => !PV_COMMON.has(k));
  sources.slice(1).forEach((source) => errs.push(forbidden(child('spec', source), 'may not specify more than 1 volume type')));
  if (spec.hostPath && !spec.hostPath.path) errs.push(required('spec.hostPath.path'));
  if (spec.local && !spec.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  if (spec.storageClassName) errs.push(...nameErrors(spec.storageClassName, 'spec.storageClassName', isDNS1123Subdomain));
  if (spec.volumeMode !== undefined && spec.volumeMode !== 'Block' && spec.volumeMode !== 'Filesystem') {
    errs.push(notSupported('spec.volumeMode', goQuote(spec.volumeMode), ['Block', 'Filesystem']));
  }
  return errs;
}

/** `ValidateService` on create (the defaulted object; an empty clusterIP is allocated later). */
export function serviceErrors(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const headless = spec.clusterIP === 'None';
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (spec.clusterIP && !headless && !isIP(spec.clusterIP)) {
    errs.push(invalid('spec.clusterIPs[0]', goQuote(spec.clusterIP), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  if (headless && (spec.type === 'LoadBalancer' || spec.type === 'NodePort')) {
    errs.push(invalid('spec.clusterIPs[0]', goQuote('None'), `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'ExternalName') {
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...nameErrors(cname, 'spec.externalName', isDNS1123Subdomain));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = index('spec.ports', i);
    if (ports.length > 1 && !port.name) errs.push(required(child(at, 'name')));
    else if (port.name) {
      errs.push(...nameErrors(port.name, child(at, 'name'), isDNS1123Label));
      if (names.has(port.name)) errs.push(duplicate(child(at, 'name'), goQuote(port.name)));
      else names.add(port.name);
    }
    errs.push(...isValidPortNum(port.port ?? 0).map((m) => invalid(child(at, 'port'), goInt(port.port ?? 0), m)));
    if (!port.protocol) errs.push(required(child(at, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) errs.push(notSupported(child(at, 'protocol'), goQuote(port.protocol), ['SCTP', 'TCP', 'UDP']));
    errs.push(...portNumOrNameErrors(port.targetPort, child(at, 'targetPort')));
  });
  errs.push(...labelErrors(spec.selector, 'spec.selector'));
  const affinity = spec.sessionAffinity ?? '';
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', goQuote(affinity), ['ClientIP', 'None']));
  const type = spec.type ?? '';
  if (!type) errs.push(required('spec.type'));
  else if (!['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'].includes(type)) {
    errs.push(notSupported('spec.type', goQuote(type), ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  }
  if (type === 'ClusterIP') {
    ports.forEach((port, i) => {
      if (port.nodePort) errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const seen = new Set<string>();
  ports.forEach((port, i) => {
    const id = `${port.protocol}/${port.port}`;
    if (seen.has(id)) {
      const value = `core.ServicePort{Name:"", Protocol:${goQuote(port.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${port.port ?? 0}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
      errs.push(duplicate(index('spec.ports', i), value));
    }
    seen.add(id);
  });
  return errs;
}

function dataKeyErrors(data: Record<string, unknown> | undefined, path: string): FieldError[] {
  return Object.keys(data ?? {})
    .sort()
    .flatMap((k) => isConfigMapKey(k).map((m) => invalid(key(path, k), goQuote(k), m)));
}

/** `ValidateConfigMap` (keys; a key in both `data` and `binaryData`). */
export function configMapErrors(cm: ConfigMap): FieldError[] {
  const errs = dataKeyErrors(cm.data, 'data');
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    if (cm.binaryData && k in cm.binaryData) errs.push(invalid(key('data', k), goQuote(k), 'duplicate of key present in binaryData'));
  }
  errs.push(...dataKeyErrors(cm.binaryData, 'binaryData'));
  return errs;
}

/** `ValidateSecret` (keys only; `data` values were base64-decoded by the decoder already). */
export function secretErrors(secret: Secret): FieldError[] {
  return dataKeyErrors(secret.data, 'data');
}

/** `ValidateStorageClass`. */
export function storageClassErrors(sc: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc.provisioner) errs.push(required('provisioner'));
  else errs.push(...isQualifiedName(sc.provisioner.toLowerCase()).map((m) => invalid('provisioner', goQuote(sc.provisioner), m)));
  if (sc.reclaimPolicy && sc.reclaimPolicy !== 'Delete' && sc.reclaimPolicy !== 'Retain') {
    errs.push(notSupported('reclaimPolicy', goQuote(sc.reclaimPolicy), ['Delete', 'Retain']));
  }
  if (!sc.volumeBindingMode) errs.push(required('volumeBindingMode'));
  else if (sc.volumeBindingMode !== 'Immediate' && sc.volumeBindingMode !== 'WaitForFirstConsumer') {
    errs.push(notSupported('volumeBindingMode', goQuote(sc.volumeBindingMode), ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}

/** `ValidatePodDisruptionBudgetSpec`. */
export function pdbErrors(pdb: PodDisruptionBudget): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    // The bad value is the whole spec struct; its pointers print as addresses.
    const selector = spec.selector ? '(*v1.LabelSelector)(0xc000010020)' : '(*v1.LabelSelector)(nil)';
    const value = `policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000010000), Selector:${selector}, MaxUnavailable:(*intstr.IntOrString)(0xc000010010), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}`;
    errs.push(invalid('spec', value, 'minAvailable and maxUnavailable cannot be both set'));
  }
  if (spec.minAvailable !== undefined) errs.push(...intOrPercentErrors(spec.minAvailable, 'spec.minAvailable'));
  if (spec.maxUnavailable !== undefined) errs.push(...intOrPercentErrors(spec.maxUnavailable, 'spec.maxUnavailable'));
  errs.push(...labelSelectorErrors(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', goQuote(policy), ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errs;
}
