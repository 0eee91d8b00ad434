import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KObject } from '../../model/objects';
import { printJson, printNames, printYaml } from './formats';
import { compareYamlKeys, scalarStyle, toKubectlYaml } from './yamlEmitter';

const pod: KObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-0',
    namespace: 'default',
    creationTimestamp: '2025-01-01T00:00:03Z',
    labels: { 'statefulset.kubernetes.io/pod-name': 'web-0', app: 'nginx', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': 'web-7d5d8b5c9c' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u-1', controller: true, blockOwnerDeletion: true }],
  },
  spec: {
    containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }], resources: {} }],
    hostname: 'web-0',
    subdomain: 'nginx',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  },
  status: { phase: 'Pending', conditions: [] },
};

describe('printYaml', () => {
  it('prints one object in kubectl layout: sorted keys, unindented sequences, quoted look-alikes', () => {
    expect(printYaml([pod])).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: "2025-01-01T00:00:03Z"',
        '  labels:',
        '    app: nginx',
        '    apps.kubernetes.io/pod-index: "0"',
        '    controller-revision-hash: web-7d5d8b5c9c',
        '    statefulset.kubernetes.io/pod-name: web-0',
        '  name: web-0',
        '  namespace: default',
        '  ownerReferences:',
        '  - apiVersion: apps/v1',
        '    blockOwnerDeletion: true',
        '    controller: true',
        '    kind: StatefulSet',
        '    name: web',
        '    uid: u-1',
        'spec:',
        '  containers:',
        '  - image: registry.k8s.io/nginx-slim:0.21',
        '    name: nginx',
        '    ports:',
        '    - containerPort: 80',
        '      name: web',
        '      protocol: TCP',
        '    resources: {}',
        '  hostname: web-0',
        '  subdomain: nginx',
        '  tolerations:',
        '  - effect: NoExecute',
        '    key: node.kubernetes.io/not-ready',
        '    operator: Exists',
        '    tolerationSeconds: 300',
        'status:',
        '  conditions: []',
        '  phase: Pending',
        '',
      ].join('\n'),
    );
  });

  it('wraps several objects in a v1 List, and a list query of one object too', () => {
    const svc: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' } };
    expect(printYaml([svc, svc])).toBe(
      ['apiVersion: v1', 'items:', '- apiVersion: v1', '  kind: Service', '  metadata:', '    name: nginx', '- apiVersion: v1', '  kind: Service', '  metadata:', '    name: nginx', 'kind: List', 'metadata:', '  resourceVersion: ""', ''].join(
        '\n',
      ),
    );
    expect(printYaml([svc], false)).toContain('kind: List');
    expect(printYaml([svc, svc], true)).toBe('apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n');
  });

  it('round-trips through a YAML parser to the same object', () => {
    expect(parse(printYaml([pod]))).toEqual(pod);
  });
});

describe('toKubectlYaml quoting (go-yaml v2 via sigs.k8s.io/yaml)', () => {
  it('double-quotes strings that would read back as another type', () => {
    for (const s of ['0', '10', '-1', '1.5', '1e3', '0x1F', 'true', 'False', 'yes', 'on', 'n', 'null', '~', '', '2025-01-01', '2025-01-01T00:00:03Z', '1:20', '.5']) {
      expect([s, scalarStyle(s)]).toEqual([s, 'double']);
    }
  });

  it('keeps ordinary strings plain', () => {
    for (const s of ['nginx', 'registry.k8s.io/nginx-slim:0.21', 'web-0', '10.244.1.2', 'v1.33.1', '1Gi', '500m', 'a b', 'node.kubernetes.io/not-ready', '-c', 'key=value']) {
      expect([s, scalarStyle(s)]).toEqual([s, 'plain']);
    }
  });

  it('single-quotes strings plain YAML cannot hold, and double-quotes those with tabs or trailing spaces before breaks', () => {
    expect(toKubectlYaml({ schedule: '*/1 * * * *', msg: 'reason: x', hash: '#x', dash: '- x', lead: ' x', quote: "it's" })).toBe(
      ["dash: '- x'", "hash: '#x'", "lead: ' x'", "msg: 'reason: x'", 'quote: it\'s', "schedule: '*/1 * * * *'", ''].join('\n'),
    );
    expect(toKubectlYaml({ a: "'q' x: y", tab: 'a\tb' })).toBe(`a: '''q'' x: y'\ntab: "a\\tb"\n`);
  });

  it('writes multi-line strings as literal blocks with chomping indicators', () => {
    expect(toKubectlYaml({ a: 'line1\nline2\n', b: 'x\ny', c: { d: 'p\n\nq\n\n', e: 1 } })).toBe(
      ['a: |', '  line1', '  line2', 'b: |-', '  x', '  y', 'c:', '  d: |+', '    p', '', '    q', '', '  e: 1', ''].join('\n'),
    );
    // A keep-chomped block at the very end is closed with a document end marker, as libyaml does.
    expect(toKubectlYaml({ d: 'q\n\n' })).toBe('d: |+\n  q\n\n...\n');
  });

  it('folds a long message at the first space once the line is past column 80, continuing two columns deeper', () => {
    const message = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    const out = toKubectlYaml({ status: { conditions: [{ message, reason: 'Unschedulable', type: 'PodScheduled' }] } });
    expect(out).toBe(
      [
        'status:',
        '  conditions:',
        // The first line reaches column 80 exactly after "nodes", which is not past the limit.
        "  - message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are",
        "      available: 3 No preemption victims found for incoming pod.'",
        '    reason: Unschedulable',
        '    type: PodScheduled',
        '',
      ].join('\n'),
    );
    expect(parse(out)).toEqual({ status: { conditions: [{ message, reason: 'Unschedulable', type: 'PodScheduled' }] } });
  });

  it('prints numbers, booleans, nulls and empty collections', () => {
    expect(toKubectlYaml({ a: 1, b: 0.5, c: true, d: null, e: {}, f: [], g: [[1, 2], []] })).toBe('a: 1\nb: 0.5\nc: true\nd: null\ne: {}\nf: []\ng:\n- - 1\n  - 2\n- []\n');
  });

  it("sorts keys like go-yaml: digit runs numerically, letters after other characters", () => {
    expect(['b', 'a10', 'a9', 'A', 'a_b', 'ab', 'a-b'].sort(compareYamlKeys)).toEqual(['A', 'a-b', 'a_b', 'a9', 'a10', 'ab', 'b']);
  });
});

describe('printJson', () => {
  it('prints Go MarshalIndent JSON: 4 spaces, sorted keys, HTML-safe escapes', () => {
    const svc: KObject = { kind: 'Service', apiVersion: 'v1', metadata: { name: 'a<b>&c', labels: {} }, spec: { ports: [] } };
    expect(printJson([svc])).toBe(
      ['{', '    "apiVersion": "v1",', '    "kind": "Service",', '    "metadata": {', '        "labels": {},', '        "name": "a\\u003cb\\u003e\\u0026c"', '    },', '    "spec": {', '        "ports": []', '    }', '}', ''].join('\n'),
    );
  });

  it('wraps several objects in a List', () => {
    const out = JSON.parse(printJson([pod, pod])) as { kind: string; items: unknown[]; metadata: unknown };
    expect(out.kind).toBe('List');
    expect(out.items).toHaveLength(2);
    expect(out.metadata).toEqual({ resourceVersion: '' });
  });
});

describe('printNames', () => {
  it('prints resource/name with the API group', () => {
    const sts: KObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' } };
    const pvc: KObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www-web-0' } };
    expect(printNames([pod, sts, pvc])).toBe('pod/web-0\nstatefulset.apps/web\npersistentvolumeclaim/www-web-0');
  });
});
