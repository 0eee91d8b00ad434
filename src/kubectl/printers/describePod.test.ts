import { describe as group, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createClusterState } from '../../engine/bootstrap';
import type { ClusterState } from '../../engine/clusterState';
import { recordEvent } from '../../engine/recorder';
import { createObject } from '../../engine/store';
import { toTimestamp } from '../../model/duration';
import { writableMeta, type KObject } from '../../model/objects';
import { describe } from './describe';
import { describeEvents } from './events';

const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const at = (s: number) => toTimestamp(EPOCH + s * 1000);

function webPod(state: ClusterState): Pod & KObject {
  return createObject<Pod & KObject>(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-0',
      namespace: 'default',
      labels: { app: 'nginx', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': 'web-7d5d8b5c9c', 'statefulset.kubernetes.io/pod-name': 'web-0' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: 'node-1',
      serviceAccountName: 'default',
      priority: 0,
      hostname: 'web-0',
      subdomain: 'nginx',
      containers: [
        {
          name: 'nginx',
          image: 'registry.k8s.io/nginx-slim:0.21',
          ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }],
          volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
        },
      ],
      volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }],
      tolerations: [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '172.18.0.2',
      podIP: '10.244.1.2',
      podIPs: [{ ip: '10.244.1.2' }],
      startTime: at(1),
      qosClass: 'BestEffort',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [
        {
          name: 'nginx',
          containerID: 'containerd://4f1c',
          image: 'registry.k8s.io/nginx-slim:0.21',
          imageID: 'registry.k8s.io/nginx-slim@sha256:5f8e',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: at(4) } },
        },
      ],
    },
  });
}

group('describe pod (R17.9)', () => {
  it('renders the kubectl layout of a running StatefulSet pod, events included', () => {
    const state = createClusterState();
    const pod = webPod(state);
    state.now = 1000;
    recordEvent(state, pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-0 to node-1', 'default-scheduler');
    state.now = 2000;
    recordEvent(state, pod, 'Normal', 'Pulling', 'Pulling image "registry.k8s.io/nginx-slim:0.21"', 'kubelet', { fieldPath: 'spec.containers{nginx}' });
    state.now = 125_000;
    expect(describe(state, pod)).toBe(
      [
        'Name:             web-0',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             node-1/172.18.0.2',
        'Start Time:       Wed, 01 Jan 2025 00:00:01 +0000',
        'Labels:           app=nginx',
        '                  apps.kubernetes.io/pod-index=0',
        '                  controller-revision-hash=web-7d5d8b5c9c',
        '                  statefulset.kubernetes.io/pod-name=web-0',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.1.2',
        'IPs:',
        '  IP:           10.244.1.2',
        'Controlled By:  StatefulSet/web',
        'Containers:',
        '  nginx:',
        '    Container ID:   containerd://4f1c',
        '    Image:          registry.k8s.io/nginx-slim:0.21',
        '    Image ID:       registry.k8s.io/nginx-slim@sha256:5f8e',
        '    Port:           80/TCP',
        '    Host Port:      0/TCP',
        '    State:          Running',
        '      Started:      Wed, 01 Jan 2025 00:00:04 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /usr/share/nginx/html from www (rw)',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:',
        '  www:',
        // One tab-writer block runs from the volume's fields to Tolerations (kubectl's own quirk).
        '    Type:        PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:   www-web-0',
        '    ReadOnly:    false',
        'QoS Class:       BestEffort',
        'Node-Selectors:  <none>',
        'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type    Reason     Age   From               Message',
        '  ----    ------     ----  ----               -------',
        '  Normal  Scheduled  2m4s  default-scheduler  Successfully assigned default/web-0 to node-1',
        '  Normal  Pulling    2m3s  kubelet            Pulling image "registry.k8s.io/nginx-slim:0.21"',
        '',
      ].join('\n'),
    );
  });

  it('shows Terminating (lasts <invalid>) inside the grace period and the elapsed time after it', () => {
    const state = createClusterState();
    const pod = webPod(state);
    // The API server sets deletionTimestamp to "request time + grace period" (here: requested at 10s, grace 30s).
    writableMeta(pod).deletionTimestamp = at(40);
    writableMeta(pod).deletionGracePeriodSeconds = 30;
    state.now = 20_000;
    expect(describe(state, pod)).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n');
    state.now = 45_000;
    expect(describe(state, pod)).toContain('Terminating (lasts 5s)');
  });

  it('describes waiting and terminated containers with their last state', () => {
    const state = createClusterState();
    const pod = webPod(state);
    const status = pod.status as NonNullable<Pod['status']>;
    (status.containerStatuses as NonNullable<typeof status.containerStatuses>)[0] = {
      name: 'nginx',
      image: 'registry.k8s.io/nginx-slim:0.21',
      imageID: '',
      ready: false,
      restartCount: 5,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { reason: 'Error', exitCode: 1, startedAt: at(50), finishedAt: at(51) } },
    };
    state.now = 60_000;
    const text = describe(state, pod);
    expect(text).toContain(
      [
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Wed, 01 Jan 2025 00:00:50 +0000',
        '      Finished:     Wed, 01 Jan 2025 00:00:51 +0000',
        '    Ready:          False',
        '    Restart Count:  5',
      ].join('\n'),
    );
  });

  it('prints requests, probes, env and node <none> for an unscheduled pod', () => {
    const state = createClusterState();
    const pod = createObject<Pod & KObject>(state, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ss-0', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'webserver',
            image: 'httpd:2.4',
            resources: { requests: { cpu: '1500m', memory: '100Mi' } },
            readinessProbe: { httpGet: { path: '/index.html', port: 80 }, periodSeconds: 1, failureThreshold: 1 },
            env: [{ name: 'MODE', value: 'test' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          },
        ],
      },
      status: { phase: 'Pending' },
    });
    const text = describe(state, pod);
    expect(text).toContain('Node:         <none>\n');
    expect(text).toContain(
      [
        '    Requests:',
        '      cpu:      1500m',
        '      memory:   100Mi',
        '    Readiness:  http-get http://:80/index.html delay=0s timeout=1s period=1s #success=1 #failure=1',
        '    Environment:',
        '      MODE:      test',
        '      POD_NAME:  ss-0 (v1:metadata.name)',
        '    Mounts:      <none>',
      ].join('\n'),
    );
    expect(text).toContain('QoS Class:       Burstable\n');
    expect(text).toMatch(/Events:\s+<none>\n$/);
  });
});

group('describeEvents', () => {
  it('aggregates repeated events as "<last> (xN over <first>)" and says <none> without events', () => {
    const state = createClusterState();
    const pvc = createObject(state, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' } });
    expect(describeEvents(state, pvc, EPOCH)).toBe('Events:  <none>\n');
    recordEvent(state, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', 'persistentvolume-controller');
    state.now = 120_000;
    recordEvent(state, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', 'persistentvolume-controller');
    state.now = 290_000;
    recordEvent(state, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', 'persistentvolume-controller');
    expect(describeEvents(state, pvc, EPOCH + 300_000)).toBe(
      [
        'Events:',
        '  Type    Reason                Age               From                         Message',
        '  ----    ------                ----              ----                         -------',
        '  Normal  WaitForFirstConsumer  10s (x3 over 5m)  persistentvolume-controller  waiting for first consumer to be created before binding',
        '',
      ].join('\n'),
    );
  });
});
