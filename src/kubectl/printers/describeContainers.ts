/**
 * The container, volume and pod-template sections shared by the pod and
 * workload describers: `describeContainers`, `describeStatus`,
 * `DescribeProbe`, `describeVolumes` and `DescribePodTemplate` of
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go`, in their kubectl
 * v1.33 form (ports without names; names came in v1.34, PR #133018).
 * Volume kinds other than PVC, emptyDir, configMap, secret, hostPath,
 * projected, downwardAPI, NFS and CSI print `<unknown>`.
 */
import type { Container, ContainerState, ContainerStatus, PodTemplateSpec, Probe, Volume } from 'kubernetes-types/core/v1';
import type { DescribeWriter } from './describeWriter';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, orNone, printLabelsMultiline, printAnnotationsMultiline, printTolerationsMultiline } from './describeWriter';
import { parseQuantity } from '../../model/quantity';
import { boolText, canonicalQuantity, goSlice, rfc1123zOf } from './textFormat';

function describeStatus(w: DescribeWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123zOf(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal && t.signal > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123zOf(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123zOf(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** `DescribeProbe`: `http-get http://:80/index.html delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: Probe): string {
  // Unset fields print as the API server's defaults, which a real object always carries.
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s ` +
    `#success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
  if (probe.exec) return `exec ${goSlice(probe.exec.command)} ${attrs}`;
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = g.port === undefined ? '' : String(g.port);
    const host = port ? `${g.host ?? ''}:${port}` : (g.host ?? '');
    return `http-get ${(g.scheme ?? 'HTTP').toLowerCase()}://${host}${g.path ?? ''} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeResources(w: DescribeWriter, resources: Container['resources'], level: number): void {
  const limits = resources?.limits ?? {};
  const requests = resources?.requests ?? {};
  if (Object.keys(limits).length) w.write(level, 'Limits:\n');
  for (const name of Object.keys(limits).sort()) w.write(level + 1, `${name}:\t${canonicalQuantity(limits[name])}\n`);
  if (Object.keys(requests).length) w.write(level, 'Requests:\n');
  for (const name of Object.keys(requests).sort()) w.write(level + 1, `${name}:\t${canonicalQuantity(requests[name])}\n`);
}

/** Resolves an env `fieldRef` path against the pod (`EnvValueRetriever`); absent in templates. */
export type FieldResolver = (fieldPath: string) => string;

function resourceFieldValue(container: Container, resource: string): string {
  const [kind, name] = resource.split('.') as [string, string | undefined];
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const raw = name ? list?.[name] : undefined;
  const value = raw === undefined ? 0 : (parseQuantity(raw) ?? 0);
  // A limit left unset means "whatever the node has".
  if (value === 0 && (resource === 'limits.cpu' || resource === 'limits.memory')) return 'node allocatable';
  return String(Math.ceil(value));
}

function describeEnv(w: DescribeWriter, container: Container, resolve: FieldResolver | undefined): void {
  if (container.envFrom?.length) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const e of container.envFrom) {
      const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
      const ref = e.configMapRef ?? e.secretRef;
      const optional = String(Boolean(ref?.optional));
      if (e.prefix) w.write(LEVEL_3, `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
      else w.write(LEVEL_3, `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
    }
  }
  const env = container.env ?? [];
  w.write(LEVEL_2, env.length ? 'Environment:\n' : 'Environment:\t<none>\n');
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      const value = resolve ? resolve(from.fieldRef.fieldPath) : '';
      w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(LEVEL_3, `${e.name}:\t${resourceFieldValue(container, from.resourceFieldRef.resource)} (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${Boolean(from.secretKeyRef.optional)}\n`);
    } else if (from.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${Boolean(from.configMapKeyRef.optional)}\n`);
    }
  }
}

function describeMounts(w: DescribeWriter, container: Container): void {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, mounts.length ? 'Mounts:\n' : 'Mounts:\t<none>\n');
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

/** `describeContainers`: one block per container; `space` is `'  '` inside a pod template. */
export function describeContainers(
  w: DescribeWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
  resolve?: FieldResolver,
): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length ? '' : ' <none>'}\n`);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  const nameIndent = space ? ' ' : '';
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${orNone(ports)}\n`);
    w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${orNone(hostPorts)}\n`);
    if (c.command?.length) {
      w.write(LEVEL_2, 'Command:\n');
      for (const part of c.command) for (const line of part.split('\n')) w.write(LEVEL_3, `${line}\n`);
    }
    if (c.args?.length) {
      w.write(LEVEL_2, 'Args:\n');
      for (const part of c.args) for (const line of part.split('\n')) w.write(LEVEL_3, `${line}\n`);
    }
    if (status) {
      describeStatus(w, 'State', status.state);
      if (status.lastState?.terminated) describeStatus(w, 'Last State', status.lastState);
      w.write(LEVEL_2, `Ready:\t${boolText(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(w, c, resolve);
    describeMounts(w, c);
  }
}

function describeVolume(w: DescribeWriter, v: Volume): void {
  const two = (type: string, rows: [string, string][]) => {
    w.write(LEVEL_2, `Type:\t${type}\n${rows.map(([k, val]) => `    ${k}:\t${val}\n`).join('')}`);
  };
  if (v.persistentVolumeClaim) {
    two('PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
      ['ClaimName', v.persistentVolumeClaim.claimName],
      ['ReadOnly', String(Boolean(v.persistentVolumeClaim.readOnly))],
    ]);
  } else if (v.emptyDir) {
    two("EmptyDir (a temporary directory that shares a pod's lifetime)", [
      ['Medium', v.emptyDir.medium ?? ''],
      ['SizeLimit', v.emptyDir.sizeLimit ? canonicalQuantity(v.emptyDir.sizeLimit) : '<unset>'],
    ]);
  } else if (v.hostPath) {
    two('HostPath (bare host directory volume)', [
      ['Path', v.hostPath.path],
      ['HostPathType', v.hostPath.type || '<none>'],
    ]);
  } else if (v.configMap) {
    two('ConfigMap (a volume populated by a ConfigMap)', [
      ['Name', v.configMap.name ?? ''],
      ['Optional', String(Boolean(v.configMap.optional))],
    ]);
  } else if (v.secret) {
    two('Secret (a volume populated by a Secret)', [
      ['SecretName', v.secret.secretName ?? ''],
      ['Optional', String(Boolean(v.secret.optional))],
    ]);
  } else if (v.nfs) {
    two('NFS (an NFS mount that lasts the lifetime of a pod)', [
      ['Server', v.nfs.server],
      ['Path', v.nfs.path],
      ['ReadOnly', String(Boolean(v.nfs.readOnly))],
    ]);
  } else if (v.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of v.projected.sources ?? []) {
      if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${Boolean(s.secret.optional)}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${Boolean(s.configMap.optional)}\n`);
      else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
    }
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.csi) {
    two('CSI (a Container Storage Interface (CSI) volume source)', [
      ['Driver', v.csi.driver],
      ['FSType', v.csi.fsType ?? ''],
      ['ReadOnly', String(Boolean(v.csi.readOnly))],
    ]);
    printLabelsMultiline(w, '    VolumeAttributes', v.csi.volumeAttributes);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/** `describeVolumes`: `Volumes:  <none>` or one block per volume. */
export function describeVolumes(w: DescribeWriter, volumes: readonly Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    describeVolume(w, v);
  }
}

/** `DescribePodTemplate`: the `Pod Template:` section of StatefulSets, Deployments, ReplicaSets and Jobs. */
export function describePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec?.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, '  ');
  describeVolumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}
