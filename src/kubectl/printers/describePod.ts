/**
 * `kubectl describe pod` (R17.9), after `describePod` in
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go`: identity, node,
 * labels, status (`Terminating (lasts …)` while being deleted), IPs,
 * `Controlled By`, containers, conditions, volumes, QoS class, node
 * selectors, tolerations and events. Left out: seccomp profiles, ephemeral
 * containers, topology spread constraints, pod-level resources.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../../engine/clusterState';
import { qosClass } from '../../engine/admission';
import { getObject } from '../../engine/store';
import { controllerOf, type KObject } from '../../model/objects';
import { podFieldValue } from '../../model/pod';
import { describeContainers, describeVolumes, type FieldResolver } from './describeContainers';
import { DescribeWriter, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { rfc1123zOf, sinceTimestamp } from './textFormat';

/** `EnvValueRetriever`: the values a `fieldRef` can name. */
function fieldResolver(pod: Pod & KObject): FieldResolver {
  return (path) => podFieldValue(pod, path);
}

/** The host IP shown after the node name; falls back to the node's InternalIP before the kubelet reported it. */
function hostIp(state: ClusterState, pod: Pod): string {
  if (pod.status?.hostIP) return pod.status.hostIP;
  const node = getObject<KObject & { status?: { addresses?: { type: string; address: string }[] } }>(state, 'Node', undefined, pod.spec?.nodeName ?? '');
  return node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}

/** Describes a pod. */
export function describePod(state: ClusterState, obj: KObject, nowMs: number): string {
  const pod = obj as Pod & KObject;
  const spec = pod.spec;
  const status = pod.status;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (spec?.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec?.nodeName ? `Node:\t${spec.nodeName}/${hostIp(state, pod)}\n` : 'Node:\t<none>\n');
  if (status?.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123zOf(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status?.phase !== 'Failed' && status?.phase !== 'Succeeded') {
    // deletionTimestamp is "now + grace period", so during the grace period this reads `<invalid>`, as in kubectl.
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${sinceTimestamp(nowMs, pod.metadata.deletionTimestamp)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status?.phase ?? ''}\n`);
  }
  if (status?.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status?.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  w.write(LEVEL_0, `IP:\t${status?.podIP ?? ''}\n`);
  const ips = status?.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const owner = controllerOf(pod);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (status?.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const resolve = fieldResolver(pod);
  if (spec?.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status?.initContainerStatuses, '', resolve);
  describeContainers(w, 'Containers', spec?.containers ?? [], status?.containerStatuses, '', resolve);
  if (spec?.readinessGates?.length) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const value = status?.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>';
      w.write(LEVEL_1, `${g.conditionType} \t${value} \n`);
    }
  }
  if (status?.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec?.volumes, '');
  w.write(LEVEL_0, `QoS Class:\t${status?.qosClass || qosClass(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
  writeEvents(w, state, pod, nowMs);
  return w.toString();
}
