import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENTS, MAX_MANIFEST_BYTES, MAX_NESTING, nestingDepth, parseManifests } from './parseManifests';

const TWO_DOCS = `# headless service first
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
---
---
# an empty document above is skipped
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: nginx
          image: nginx
`;

describe('parseManifests', () => {
  it('returns each non-empty document with its index in the file and its start line', () => {
    const { documents, diagnostics } = parseManifests(TWO_DOCS, 'web.yaml');
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => [d.object?.kind, d.index, d.range.line, d.range.column])).toEqual([
      ['Service', 0, 2, 1],
      ['StatefulSet', 2, 11, 1],
    ]);
  });

  it('finds keys and list items of a later document at their own lines and columns', () => {
    const sts = parseManifests(TWO_DOCS, 'web.yaml').documents[1];
    expect(sts?.positionOf(['spec', 'replicas'])).toEqual({ line: 16, column: 3 });
    expect(sts?.positionOf(['spec', 'template', 'spec', 'containers', 0])).toEqual({ line: 20, column: 11 });
    expect(sts?.positionOf(['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({ line: 21, column: 11 });
    expect(sts?.rangeOf(['spec', 'replicas'])).toEqual({ line: 16, column: 3, endLine: 16, endColumn: 11 });
    expect(sts?.positionOf(['spec', 'selector'])).toBeUndefined();
    expect(sts?.nearestRangeOf(['spec', 'selector', 'matchLabels'])).toMatchObject({ line: 15, column: 1 });
  });

  it('reports a YAML syntax error with the parser message, its position and kubectl text', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  key: [1, 2\n';
    const { documents, diagnostics } = parseManifests(text, 'cm.yaml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'cm.yaml', line: 7, column: 1, severity: 'error', source: 'yaml' });
    expect(diagnostics[0]?.message).toBe('Flow sequence in block collection must be sufficiently indented and end with a ]');
    expect(documents[0]?.object).toBeUndefined();
    expect(documents[0]?.kubectlError).toBe(
      'error parsing cm.yaml: error converting YAML to JSON: yaml: line 7: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  });

  it('reports duplicate keys at the second occurrence', () => {
    const { diagnostics } = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', 'cm.yaml');
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[5, 3, 'Map keys must be unique']]);
  });

  it('reads YAML 1.1 booleans and octals as kubectl does, and leaves dates as strings', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {enabled: yes, mode: 0755, day: 2024-01-01, at: 1:20}\n';
    const labels = parseManifests(text, 'cm.yaml').documents[0]?.object?.metadata.labels as unknown;
    expect(labels).toEqual({ enabled: true, mode: 493, day: '2024-01-01', at: '1:20' });
  });

  it('names the missing apiVersion and kind with kubectl validation text', () => {
    const { documents, diagnostics } = parseManifests('metadata:\n  name: web\n', 'web.yaml');
    expect(diagnostics.map((d) => d.message)).toEqual(['apiVersion not set, kind not set']);
    expect(documents[0]?.kubectlError).toBe(
      'error validating "web.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    const onlyKind = parseManifests('apiVersion: v1\nmetadata:\n  name: web\n', 'web.yaml').documents[0];
    expect(onlyKind?.kubectlError).toBe(
      'error validating "web.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    );
  });

  it('refuses a document that is not a mapping', () => {
    const { documents, diagnostics } = parseManifests('- apiVersion: v1\n  kind: Pod\n', 'list.yaml');
    expect(diagnostics[0]?.message).toBe('document 1 is a list, not a Kubernetes object (a mapping with apiVersion, kind and metadata)');
    expect(documents[0]?.kubectlError).toBe('unable to decode "list.yaml": json: cannot unmarshal array into Go value of type map[string]interface {}');
  });

  it('flags an object without a name with the message kubectl prints while looking it up', () => {
    const { documents, diagnostics } = parseManifests('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  labels: {app: web}\n', 'web.yaml');
    expect(documents[0]?.object).toBeUndefined();
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[3, 1, 'metadata.name not set: every object needs a name']]);
    expect(documents[0]?.kubectlError).toBe(
      'error when retrieving current configuration of:\n' +
        'Resource: "apps/v1, Resource=statefulsets", GroupVersionKind: "apps/v1, Kind=StatefulSet"\n' +
        'Name: "", Namespace: "default"\n' +
        'from server for: "web.yaml": resource name may not be empty',
    );
  });

  it('flags a kind the cluster does not serve at the kind key', () => {
    const { documents, diagnostics } = parseManifests('apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata:\n  name: web\n', 'web.yaml');
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[2, 1, 'no matches for kind "StatefulSet" in version "apps/v1beta1"']]);
    expect(documents[0]?.kubectlError).toBe(
      'resource mapping not found for name: "web" namespace: "" from "web.yaml": no matches for kind "StatefulSet" in version "apps/v1beta1"\nensure CRDs are installed first',
    );
  });

  it('refuses a file over 1 MB without parsing it', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(MAX_MANIFEST_BYTES)}"\n`;
    const { documents, diagnostics } = parseManifests(big, 'big.yaml');
    expect(documents).toEqual([]);
    expect(diagnostics.map((d) => d.message)).toEqual(['big.yaml is 1.0 MB: manifest files are limited to 1 MB']);
  });

  it('counts multi-byte characters towards the size limit', () => {
    const text = `# ${'é'.repeat(MAX_MANIFEST_BYTES / 2)}\n`;
    expect(parseManifests(text, 'x.yaml').diagnostics[0]?.message).toBe('x.yaml is 1.0 MB: manifest files are limited to 1 MB');
  });

  it(`refuses more than ${MAX_DOCUMENTS} documents`, () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
    const { documents, diagnostics } = parseManifests(Array(MAX_DOCUMENTS + 1).fill(doc).join('---\n'), 'many.yaml');
    expect(documents).toEqual([]);
    expect(diagnostics.map((d) => d.message)).toEqual(['many.yaml has 501 documents: manifest files are limited to 500 documents']);
    expect(parseManifests(Array(MAX_DOCUMENTS).fill(doc).join('---\n'), 'ok.yaml').documents).toHaveLength(MAX_DOCUMENTS);
  });

  it('accepts anchors and aliases', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l {app: web}\n  annotations: *l\n';
    const { documents, diagnostics } = parseManifests(text, 'a.yaml');
    expect(diagnostics).toEqual([]);
    expect(documents[0]?.object?.metadata.annotations).toEqual({ app: 'web' });
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g']]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { documents, diagnostics } = parseManifests(`${lines.join('\n')}\n`, 'bomb.yaml');
    expect(documents[0]?.object).toBeUndefined();
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Excessive alias count indicates a resource exhaustion attack: more than 100 alias expansions in one document are refused',
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseManifests('', 'empty.yaml')).toEqual({ documents: [], diagnostics: [] });
    expect(parseManifests('# only a comment\n---\n', 'empty.yaml').documents).toEqual([]);
  });
});

describe('nestingDepth', () => {
  it('counts indentation, compact list items and flow brackets, not quoted or block-scalar text', () => {
    expect(nestingDepth('a:\n  b:\n    c: 1\n')).toBe(3);
    expect(nestingDepth('a: [[1], {b: [2]}]\n')).toBe(4);
    expect(nestingDepth('- - - x\n')).toBe(4);
    expect(nestingDepth('a: "[[[[[["\nb: \'{{{{\' # [[[[\n')).toBe(1);
    expect(nestingDepth('data:\n  nginx.conf: |\n    http {\n      server {\n        location / {\n')).toBe(2);
    expect(nestingDepth(TWO_DOCS)).toBe(6);
  });

  it(`refuses nesting deeper than ${MAX_NESTING} levels before the parser can exhaust its stack`, () => {
    const flow = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(parseManifests(flow, 'deep.yaml')).toEqual({
      documents: [],
      diagnostics: [{ file: 'deep.yaml', line: 1, column: 1, severity: 'error', source: 'yaml', message: 'deep.yaml nests 5001 levels deep: manifests are limited to 100 levels' }],
    });
    const block = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(parseManifests(block, 'deep.yaml').diagnostics[0]?.message).toBe('deep.yaml nests 150 levels deep: manifests are limited to 100 levels');
  });
});
