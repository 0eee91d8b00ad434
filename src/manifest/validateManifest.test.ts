import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics';
import { parseManifests } from './parseManifests';
import { validateDocument } from './validateManifest';

/** The tutorial's web.yaml (scenarios M-WEB), in flow style. */
const M_WEB = `apiVersion: v1
kind: Service
metadata: {name: nginx, labels: {app: nginx}}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{name: web, port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 2
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports: [{name: web, containerPort: 80}]
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

/** Validates every document of `text` and returns the diagnostics as `file:line:col: message`. */
function check(text: string, file = 'web.yaml'): string[] {
  const { documents, diagnostics } = parseManifests(text, file);
  return [...diagnostics, ...documents.flatMap((d) => validateDocument(d, file))].map(formatDiagnostic);
}

const STS = (spec: string, name = 'web'): string => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
${spec}`;

const GOOD_SPEC = `  serviceName: nginx
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
`;

describe('validateDocument', () => {
  it('accepts the tutorial web.yaml', () => {
    expect(check(M_WEB)).toEqual([]);
  });

  it('reports an unknown field at its key with the strict decoding text', () => {
    const text = M_WEB.replace('  replicas: 2\n', '  replicaz: 2\n');
    expect(check(text)).toEqual(['web.yaml:14:3: unknown field "spec.replicaz"']);
  });

  it('prints list indices in unknown nested fields', () => {
    const text = M_WEB.replace('        image: registry', '        imagee: x\n        image: registry');
    expect(check(text)).toEqual(['web.yaml:22:9: unknown field "spec.template.spec.containers[0].imagee"']);
  });

  it('reports a wrong type with encoding/json text naming the Go struct and type', () => {
    expect(check(M_WEB.replace('replicas: 2', 'replicas: two'))).toEqual([
      'web.yaml:14:3: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32',
    ]);
    expect(check(M_WEB.replace('replicas: 2', 'replicas: 2.5'))).toEqual([
      'web.yaml:14:3: json: cannot unmarshal number 2.5 into Go struct field StatefulSetSpec.spec.replicas of type int32',
    ]);
    expect(check(M_WEB.replace('terminationGracePeriodSeconds: 10', 'terminationGracePeriodSeconds: "10"'))).toEqual([
      'web.yaml:19:7: json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64',
    ]);
  });

  it('reports YAML 1.1 booleans and numbers where strings are expected, as kubectl users meet them', () => {
    const env = M_WEB.replace('        ports: [{name: web', '        env: [{name: DEBUG, value: yes}]\n        ports: [{name: web');
    expect(check(env)).toEqual([
      'web.yaml:23:29: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    ]);
    expect(check(M_WEB.replace('{labels: {app: nginx}}', '{labels: {app: nginx, version: 1.0}}'))).toEqual([
      'web.yaml:17:37: json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string',
    ]);
  });

  it('reports an object where a list is expected', () => {
    expect(check(M_WEB.replace('accessModes: [ReadWriteOnce]', 'accessModes: ReadWriteOnce'))).toEqual([
      'web.yaml:28:7: json: cannot unmarshal string into Go struct field PersistentVolumeClaimSpec.spec.volumeClaimTemplates.spec.accessModes of type []v1.PersistentVolumeAccessMode',
    ]);
  });

  it('reports a malformed quantity with resource.Quantity text', () => {
    expect(check(M_WEB.replace('storage: 1Gi', 'storage: 1GB'))).toEqual([
      "web.yaml:29:30: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
  });

  it('reports a selector that does not match the template labels (R1.2)', () => {
    const text = M_WEB.replace('selector: {matchLabels: {app: nginx}}', 'selector: {matchLabels: {app: web}}');
    expect(check(text)).toEqual([
      'web.yaml:17:16: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    ]);
  });

  it('reports a missing selector twice, as the API server does', () => {
    const text = STS(GOOD_SPEC.replace('  selector:\n    matchLabels:\n      app: nginx\n', ''));
    expect(check(text)).toEqual([
      'web.yaml:5:1: spec.selector: Required value',
      'web.yaml:9:7: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    ]);
  });

  it('reports a StatefulSet name that is not a DNS label (R1.4)', () => {
    expect(check(STS(GOOD_SPEC, 'Web'))).toEqual([
      "web.yaml:4:3: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(check(STS(GOOD_SPEC, 'web.v2'))[0]).toContain('metadata.name: Invalid value: "web.v2": a lowercase RFC 1123 label must consist');
  });

  it('uses the subdomain rule for pods and the DNS-1035 rule for services', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Busybox\nspec:\n  containers: [{name: c, image: busybox}]\n';
    expect(check(pod)).toEqual([
      "web.yaml:4:3: metadata.name: Invalid value: \"Busybox\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1-db\nspec:\n  ports: [{port: 5432}]\n';
    expect(check(svc)).toEqual([
      "web.yaml:4:3: metadata.name: Invalid value: \"1-db\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('rejects a StatefulSet template whose restartPolicy is not Always, and a negative replica count', () => {
    const text = STS(`  replicas: -1\n${GOOD_SPEC}      restartPolicy: OnFailure\n`);
    expect(check(text)).toEqual([
      'web.yaml:6:3: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'web.yaml:19:7: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });

  it('rejects a Job whose pods would restart Always, explicitly or by default (R16.1)', () => {
    const job = (extra: string): string =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: backup\nspec:\n  template:\n    spec:\n      containers:\n        - name: backup\n          image: busybox\n${extra}`;
    const message = 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"';
    expect(check(job('      restartPolicy: Always\n'))).toEqual([`web.yaml:11:7: ${message}`]);
    expect(check(job(''))).toEqual([`web.yaml:7:5: ${message}`]);
    expect(check(job('      restartPolicy: Never\n'))).toEqual([]);
  });

  it('validates the pod template of a Deployment: container image and restartPolicy', () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      restartPolicy: Never
      containers:
        - name: web
`;
    expect(check(deploy)).toEqual([
      'web.yaml:12:7: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'web.yaml:14:11: spec.template.spec.containers[0].image: Required value',
    ]);
  });

  it('accepts a StatefulSet without serviceName (optional since 1.33) but checks it is a DNS label when set', () => {
    expect(check(STS(GOOD_SPEC.replace('  serviceName: nginx\n', '')))).toEqual([]);
    expect(check(STS(GOOD_SPEC.replace('serviceName: nginx', 'serviceName: Nginx')))[0]).toContain(
      'web.yaml:6:3: spec.serviceName: Invalid value: "Nginx": a lowercase RFC 1123 label',
    );
  });

  it('only warns about a StatefulSet template problem the API server accepts on create', () => {
    const text = STS(GOOD_SPEC.replace('          image: nginx:1.25\n', ''));
    expect(parseManifests(text, 'web.yaml').documents.flatMap((d) => validateDocument(d, 'web.yaml'))).toEqual([
      {
        file: 'web.yaml',
        line: 16,
        column: 11,
        endLine: 17,
        endColumn: 1,
        message: 'spec.template.spec.containers[0].image: Required value (the StatefulSet is accepted, but creating its pods will fail)',
        severity: 'warning',
        source: 'api',
      },
    ]);
  });

  it('requires storage and access modes on a standalone claim', () => {
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: standard\n';
    expect(check(pvc)).toEqual([
      'web.yaml:5:1: spec.accessModes: Required value: at least 1 access mode is required',
      'web.yaml:5:1: spec.resources[storage]: Required value',
    ]);
  });

  it('decodes Secret data as base64 like the API server', () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: my-password\n';
    expect(check(secret)).toEqual(['web.yaml:6:3: illegal base64 data at input byte 2']);
    expect(check(secret.replace('my-password', 'bXktcGFzc3dvcmQ='))).toEqual([]);
  });

  it('reports an invalid CronJob schedule with robfig/cron text', () => {
    const cj = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: hello, image: busybox}]
`;
    expect(check(cj)).toEqual(['web.yaml:6:3: spec.schedule: Invalid value: "*/1 * * *": expected exactly 5 fields, found 4: [*/1 * * *]']);
    expect(check(cj.replace('*/1 * * *', '61 * * * *'))).toEqual(['web.yaml:6:3: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']);
    expect(check(cj.replace('*/1 * * *', '*/1 * * * *'))).toEqual([]);
  });

  it('reports missing Service ports and port numbers out of range', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  selector: {app: db}\n';
    expect(check(svc)).toEqual(['web.yaml:5:1: spec.ports: Required value']);
    // targetPort defaults to port, so it is out of range too.
    expect(check(`${svc}  ports: [{port: 70000}]\n`)).toEqual([
      'web.yaml:7:11: spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'web.yaml:7:12: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('says nothing more about documents the parser already refused', () => {
    const { documents } = parseManifests('apiVersion: apps/v9\nkind: StatefulSet\nmetadata: {name: web}\nspec: {replicaz: 1}\n', 'web.yaml');
    expect(documents.flatMap((d) => validateDocument(d, 'web.yaml'))).toEqual([]);
  });
});
