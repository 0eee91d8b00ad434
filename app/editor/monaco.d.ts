// Monaco's legacy worker helper has no .d.ts (toolchain notes §4, gotcha 2). Re-check on upgrades.
declare module 'monaco-editor/internal/common/workers' {
  import type * as monaco from 'monaco-editor/editor';
  export function createWebWorker<T extends object>(opts: {
    moduleId?: string;
    label?: string;
    createData?: unknown;
    host?: Record<string, unknown>;
    keepIdleModels?: boolean;
  }): monaco.editor.MonacoWebWorker<T>;
}
declare module 'monaco-yaml/yaml.worker.js';
