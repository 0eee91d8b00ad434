import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/objects';
import { applyDefaults } from './defaults';
import { parseManifests } from './parseManifests';
import { updateErrors, validateUpdate } from './validateUpdate';

const WEB_YAML = `apiVersion: apps/v1
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

const R13 =
  'The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than ' +
  "'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function load(text: string): KObject {
  const object = parseManifests(text, 'x.yaml').documents[0]?.object;
  if (!object) throw new Error('no object');
  return object;
}

/** The stored object: defaulted, with server fields and a status, as the store holds it. */
function stored(text: string, extra: Record<string, unknown> = {}): KObject {
  const object = applyDefaults(load(text));
  object.metadata = { ...object.metadata, namespace: 'default', uid: 'uid-1', resourceVersion: '7' } as KObject['metadata'];
  return { ...object, ...extra };
}

describe('validateUpdate', () => {
  it('rejects a changed volumeClaimTemplate with the R1.3 message (S39)', () => {
    const edited = load(WEB_YAML.replace('storage: 1Gi', 'storage: 2Gi'));
    expect(validateUpdate(stored(WEB_YAML), edited)).toBe(R13);
  });

  it('rejects a changed podManagementPolicy with the same message (S39)', () => {
    const edited = load(WEB_YAML.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Parallel\n'));
    expect(validateUpdate(stored(WEB_YAML), edited)).toBe(R13);
    expect(validateUpdate(stored(WEB_YAML), load(WEB_YAML.replace('serviceName: nginx', 'serviceName: nginx2')))).toBe(R13);
  });

  it('accepts re-applying the same file and changing the mutable fields', () => {
    const old = stored(WEB_YAML, { status: { replicas: 2 } });
    expect(validateUpdate(old, load(WEB_YAML))).toBeUndefined();
    expect(validateUpdate(old, load(WEB_YAML.replace('replicas: 2', 'replicas: 5')))).toBeUndefined();
    expect(validateUpdate(old, load(WEB_YAML.replace('nginx-slim:0.21', 'nginx-slim:0.22')))).toBeUndefined();
    expect(validateUpdate(old, load(WEB_YAML.replace('  replicas: 2\n', '  replicas: 2\n  updateStrategy: {type: OnDelete}\n')))).toBeUndefined();
  });

  it('treats equal quantities as equal (1Gi is 1024Mi)', () => {
    expect(validateUpdate(stored(WEB_YAML), load(WEB_YAML.replace('storage: 1Gi', 'storage: 1024Mi')))).toBeUndefined();
  });

  it('lists several causes one per line, spec validation first', () => {
    const edited = load(WEB_YAML.replace('  replicas: 2\n', '  replicas: -1\n  podManagementPolicy: Parallel\n'));
    expect(validateUpdate(stored(WEB_YAML), edited)).toBe(
      `The StatefulSet "web" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* ${R13.replace('The StatefulSet "web" is invalid: ', '')}`,
    );
  });

  it('keeps Deployment selectors immutable', () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.25}]
`;
    expect(validateUpdate(stored(deploy), load(deploy.replace(/app: web/g, 'app: web2')))).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    expect(validateUpdate(stored(deploy), load(deploy.replace('replicas', 'x').replace('nginx:1.25', 'nginx:1.26')))).toBeUndefined();
  });

  it("keeps a Job's template immutable but accepts re-applying it unchanged", () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: backup}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: backup, image: jakousa/simple-backup-example}]
`;
    const old = applyDefaults({ ...load(job), metadata: { name: 'backup', namespace: 'default', uid: 'uid-9' } });
    expect(validateUpdate(old, load(job))).toBeUndefined();
    const changed = validateUpdate(old, load(job.replace('simple-backup-example', 'other')));
    expect(changed).toMatch(/^The Job "backup" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{ObjectMeta:v1\.ObjectMeta\{/);
    expect(changed).toMatch(/: field is immutable$/);
    expect(validateUpdate(old, load(job.replace('spec:\n  template', 'spec:\n  completions: 3\n  template')))).toBe(
      'The Job "backup" is invalid: spec.completions: Invalid value: 3: field is immutable',
    );
  });

  it('lets a bound claim grow but not shrink or change anything else', () => {
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n';
    const bound = stored(pvc, { status: { phase: 'Bound', capacity: { storage: '1Gi' } } });
    (bound['spec'] as Record<string, unknown>)['volumeName'] = 'pvc-1';
    (bound['spec'] as Record<string, unknown>)['storageClassName'] = 'standard';
    expect(validateUpdate(bound, load(pvc))).toBeUndefined();
    expect(validateUpdate(bound, load(pvc.replace('1Gi', '2Gi')))).toBeUndefined();
    expect(validateUpdate(bound, load(pvc.replace('1Gi', '512Mi')))).toBe(
      'The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
    const modes = validateUpdate(bound, load(pvc.replace('[ReadWriteOnce]', '[ReadWriteMany]')));
    expect(modes).toMatch(
      /^The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n {2}core\.PersistentVolumeClaimSpec\{\n/,
    );
    expect(modes).toContain('- \tAccessModes: ["ReadWriteOnce"],\n+ \tAccessModes: ["ReadWriteMany"],');
    const pending = stored(pvc, { status: { phase: 'Pending' } });
    expect(validateUpdate(pending, load(pvc.replace('1Gi', '2Gi')))).toMatch(/spec: Forbidden: spec is immutable after creation/);
  });

  it('allows only the updatable pod fields, keeping server-set ones', () => {
    const podYaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    ports: [{containerPort: 3000}]\n';
    const old = stored(podYaml);
    Object.assign(old['spec'] as object, { nodeName: 'node-1', serviceAccountName: 'default', priority: 0 });
    expect(validateUpdate(old, load(podYaml))).toBeUndefined();
    expect(validateUpdate(old, load(podYaml.replace('busybox:1.36', 'busybox:1.37')))).toBeUndefined();
    const port = validateUpdate(old, load(podYaml.replace('3000', '3030')));
    expect(port).toMatch(
      /^The Pod "client" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core\.PodSpec\{/,
    );
    const added = podYaml.replace('    ports', '  - name: d\n    image: busybox\n    ports');
    expect(validateUpdate(old, load(added))).toBe('The Pod "client" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  it('keeps a Service cluster IP once set', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  selector: {app: db}\n  ports: [{port: 5432}]\n';
    const old = stored(svc);
    Object.assign(old['spec'] as object, { clusterIP: '10.96.0.12', clusterIPs: ['10.96.0.12'] });
    expect(validateUpdate(old, load(svc))).toBeUndefined();
    const headless = load(svc.replace('spec:\n', 'spec:\n  clusterIP: None\n'));
    // The apply merge keeps clusterIPs, the API server follows clusterIP into it.
    (headless['spec'] as Record<string, unknown>)['clusterIPs'] = ['10.96.0.12'];
    expect(validateUpdate(old, headless)).toBe('The Service "db" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set');
  });

  it('returns the field errors for callers that compose their own message', () => {
    expect(updateErrors(stored(WEB_YAML), load(WEB_YAML.replace('storage: 1Gi', 'storage: 2Gi')))).toEqual([
      {
        type: 'Forbidden',
        field: 'spec',
        detail:
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      },
    ]);
  });
});
