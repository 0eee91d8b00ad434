// Monaco + monaco-yaml wiring, with the two shims of the toolchain notes (§4, gotchas 1–3, 6):
// workers come from Vite `?worker` imports (CSP worker-src 'self'), monaco-yaml gets Monaco's
// legacy createWebWorker, and the strict Kubernetes schema is passed inline (no fetch).
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import { createWebWorker as legacyCreateWebWorker } from 'monaco-editor/internal/common/workers';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import k8sSchema from '../../src/manifest/k8s.schema.json';
import YamlWorker from './yaml.worker?worker';

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

const monacoForYaml = { ...monaco, editor: { ...monaco.editor, createWebWorker: legacyCreateWebWorker } } as unknown as typeof monaco;

configureMonacoYaml(monacoForYaml, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  schemas: [{ uri: 'file:///schemas/k8s.schema.json', fileMatch: ['**/*.yaml', '**/*.yml'], schema: k8sSchema as object }],
});

export { monaco };
