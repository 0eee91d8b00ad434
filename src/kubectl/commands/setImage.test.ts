import { describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { getObject } from '../../engine/store';
import type { KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { outputOf, runScenarioText } from '../../testing/scenarioHarness';

const SCENARIO = `apiVersion: ordinal.dev/v1alpha1
kind: Scenario
metadata: {name: set-image-unit}
spec:
  files:
    web.yaml: |
      apiVersion: v1
      kind: Service
      metadata: {name: nginx}
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
        replicas: 1
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            initContainers: [{name: init, image: "busybox:1.36", command: [sh, -c, "exit 0"]}]
            containers:
            - {name: nginx, image: "registry.k8s.io/nginx-slim:0.21"}
            - {name: sidecar, image: "nginx:1.25"}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: solo}
      spec:
        containers: [{name: main, image: "nginx:1.25"}]
  script:
    - "kubectl apply -f web.yaml"
    - "sim wait --stable"
    - "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24"
    - "kubectl set image statefulset web nginx=registry.k8s.io/nginx-slim:0.24"
    - "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24 nope=x:1"
    - "kubectl set image sts/web *=busybox:1.37"
    - "kubectl set image pod/solo main=nginx:1.26"
    - "kubectl set image svc/nginx main=nginx:1.26"
    - "kubectl set image sts/web"
    - "kubectl set image nginx=x:1"
    - "kubectl set image sts/missing nginx=x:1"
    - "kubectl set env sts/web A=B"
`;

describe('kubectl set image', () => {
  const result = runScenarioText(SCENARIO);
  const set = getObject<StatefulSet & KObject>(result.state, 'StatefulSet', 'default', 'web');

  it('updates a StatefulSet template and acknowledges it', () => {
    expect(outputOf(result, 'kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24')).toBe('statefulset.apps/web image updated');
  });

  it('prints nothing when the image is already set', () => {
    const step = result.steps.find((s) => s.command === 'kubectl set image statefulset web nginx=registry.k8s.io/nginx-slim:0.24');
    expect([step?.output, step?.exitCode]).toEqual(['', 0]);
  });

  it('names a container that does not exist', () => {
    const step = result.steps.find((s) => s.command.includes('nope=x:1'));
    expect([step?.output, step?.exitCode]).toEqual(['error: unable to find container named "nope"', 1]);
  });

  it('sets every container, init containers included, with *', () => {
    expect(outputOf(result, 'kubectl set image sts/web *=busybox:1.37')).toBe('statefulset.apps/web image updated');
    const spec = set?.spec?.template.spec;
    expect([...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.image)).toEqual(['busybox:1.37', 'busybox:1.37', 'busybox:1.37']);
  });

  it('changes a bare pod image in place', () => {
    expect(outputOf(result, 'kubectl set image pod/solo main=nginx:1.26')).toBe('pod/solo image updated');
    expect(getObject<PodObject>(result.state, 'Pod', 'default', 'solo')?.spec?.containers[0]?.image).toBe('nginx:1.26');
  });

  it('refuses objects without a pod template and incomplete commands', () => {
    expect(outputOf(result, 'kubectl set image svc/nginx main=nginx:1.26')).toBe('error: services/nginx the object is not a pod or does not have a pod template: *v1.Service');
    expect(outputOf(result, 'kubectl set image sts/web')).toBe('error: at least one image update is required');
    expect(outputOf(result, 'kubectl set image nginx=x:1')).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
    expect(outputOf(result, 'kubectl set image sts/missing nginx=x:1')).toBe('Error from server (NotFound): statefulsets.apps "missing" not found');
    expect(outputOf(result, 'kubectl set env sts/web A=B')).toBe('error: Ordinal does not simulate "kubectl set env" yet');
  });
});
