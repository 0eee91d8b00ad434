/**
 * What the API server fills on create (spec R1.1 and the real defaulters): the `SetDefaults_*`
 * functions of `pkg/apis/{core,apps,batch,storage}/v1/defaults.go`, the parts of the REST
 * strategies that behave like defaults (a Job's generated selector and labels, a Service's IP
 * family fields, a Namespace's finalizer and name label) or the v1 conversion (a Secret's
 * `stringData` folded into base64 `data`).
 *
 * Admission plugins and what needs cluster state are left to `src/engine/admission.ts` and the
 * apply command: a Pod's service account, default tolerations and priority, a Service's
 * clusterIP, a claim's default StorageClass, and the uid a Job selector is generated from (set
 * `metadata.uid` before calling `applyDefaults`, or the Job selector is not generated).
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type {
  Namespace,
  NamespaceStatus,
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeClaimStatus,
  PersistentVolumeStatus,
  Pod,
  PodTemplateSpec,
  Secret,
  Service,
} from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KObject } from '../model/objects';
import { defaultPodOnly, defaultPodSpec } from './defaultsPod';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of the UTF-8 bytes of `text` (no btoa/Buffer in the engine). */
export function toBase64(text: string): string {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i] as number, bytes[i + 1], bytes[i + 2]];
    out += BASE64[a >> 2];
    out += BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : BASE64[c & 63];
  }
  return out;
}

function defaultTemplate(template: PodTemplateSpec | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}

function defaultClaim(claim: PersistentVolumeClaim): void {
  const spec = (claim.spec ??= {});
  spec.volumeMode ??= 'Filesystem';
  // Status is read-only in the types (clients do not write it); the defaulter does.
  const status = ((claim as { status?: PersistentVolumeClaimStatus }).status ??= {});
  status.phase ||= 'Pending';
}

function defaultStatefulSet(sts: StatefulSet): void {
  const spec = sts.spec;
  if (!spec) return;
  spec.podManagementPolicy ||= 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec.template);
  for (const claim of spec.volumeClaimTemplates ?? []) {
    claim.apiVersion ||= 'v1';
    claim.kind ||= 'PersistentVolumeClaim';
    defaultClaim(claim);
  }
}

function defaultDeployment(deploy: Deployment): void {
  const spec = deploy.spec;
  if (!spec) return;
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= '25%';
    rolling.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec.template);
}

function defaultDaemonSet(ds: DaemonSet): void {
  const spec = ds.spec;
  if (!spec) return;
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= 1;
    rolling.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec.template);
}

/** The Job strategy's generateSelector: job-name and controller-uid labels, selector on the uid. */
function generateJobSelector(job: Job, uid: string): void {
  const spec = job.spec;
  if (!spec?.template) return;
  const labels = ((spec.template.metadata ??= {}).labels ??= {});
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) labels[k] ??= job.metadata?.name ?? '';
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) labels[k] ??= uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
}

function defaultJob(job: Job): void {
  const spec = job.spec;
  if (!spec) return;
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ||= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ||= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultTemplate(spec.template);
  const uid = job.metadata?.uid;
  if (uid && spec.manualSelector !== true) generateJobSelector(job, uid);
  // SetDefaults_Job shares the template's label map with an unlabelled Job.
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels && Object.keys(job.metadata?.labels ?? {}).length === 0) {
    (job.metadata ??= { name: '' }).labels = { ...templateLabels };
  }
}

function defaultCronJob(cj: CronJob): void {
  const spec = cj.spec;
  if (!spec) return;
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  defaultTemplate(spec.jobTemplate?.spec?.template);
}

function defaultService(svc: Service): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= 'ClusterIP';
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.externalIPs?.length ?? 0) > 0;
  if (external) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy ??= 'Cluster';
    // The Service REST storage fills the IP family fields (single-stack IPv4 cluster).
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.ipFamilies ??= ['IPv4'];
    if (spec.clusterIP && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
  }
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

function defaultByKind(obj: KObject): void {
  switch (obj.kind) {
    case 'Pod': {
      const pod = obj as Pod & KObject;
      if (pod.spec) {
        defaultPodSpec(pod.spec);
        defaultPodOnly(pod);
      }
      break;
    }
    case 'StatefulSet':
      return defaultStatefulSet(obj as StatefulSet & KObject);
    case 'Deployment':
      return defaultDeployment(obj as Deployment & KObject);
    case 'ReplicaSet': {
      const rs = obj as ReplicaSet & KObject;
      if (rs.spec) {
        rs.spec.replicas ??= 1;
        defaultTemplate(rs.spec.template);
      }
      break;
    }
    case 'DaemonSet':
      return defaultDaemonSet(obj as DaemonSet & KObject);
    case 'Job':
      return defaultJob(obj as Job & KObject);
    case 'CronJob':
      return defaultCronJob(obj as CronJob & KObject);
    case 'Service':
      return defaultService(obj as Service & KObject);
    case 'PersistentVolumeClaim':
      return defaultClaim(obj as PersistentVolumeClaim & KObject);
    case 'PersistentVolume': {
      const pv = obj as PersistentVolume & KObject;
      const spec = (pv.spec ??= {});
      spec.persistentVolumeReclaimPolicy ||= 'Retain';
      spec.volumeMode ??= 'Filesystem';
      if (spec.hostPath) spec.hostPath.type ??= '';
      ((pv as { status?: PersistentVolumeStatus }).status ??= {}).phase ||= 'Pending';
      break;
    }
    case 'StorageClass': {
      const sc = obj as StorageClass & KObject;
      sc.reclaimPolicy ||= 'Delete';
      sc.volumeBindingMode ||= 'Immediate';
      break;
    }
    case 'Secret': {
      const secret = obj as Secret & KObject;
      secret.type ||= 'Opaque';
      // The v1 -> internal conversion folds stringData into data (base64) and drops it.
      if (secret.stringData) {
        secret.data = { ...secret.data };
        for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = toBase64(v);
        delete secret.stringData;
      }
      break;
    }
    case 'Namespace': {
      const ns = obj as Namespace & KObject;
      (ns.metadata.labels ??= {})['kubernetes.io/metadata.name'] = ns.metadata.name;
      (ns.spec ??= {}).finalizers ??= ['kubernetes'];
      ((ns as { status?: NamespaceStatus }).status ??= {}).phase ||= 'Active';
      break;
    }
  }
}

/**
 * Returns a deep copy of `obj` with everything the API server fills on create (R1.1 for
 * StatefulSets: replicas 1, OrderedReady, RollingUpdate with partition 0, revisionHistoryLimit 10,
 * Retain/Retain). Idempotent: defaulting a defaulted object changes nothing.
 *
 * @example
 * applyDefaults(web).spec.updateStrategy // { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }
 */
export function applyDefaults<T extends KObject>(obj: T): T {
  const copy = JSON.parse(JSON.stringify(obj)) as T;
  defaultByKind(copy);
  return copy;
}
