// Monaco, lazy-loaded (about 1 MiB gz): the only component that touches monaco-editor. One model
// per workspace file; engine diagnostics become markers next to monaco-yaml's schema markers.
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../src/manifest/diagnostics';
import { monaco } from './monacoSetup';
import { toMonacoMarkers } from './toMonacoMarkers';

export interface ManifestEditorProps {
  file: string;
  text: string;
  diagnostics: readonly Diagnostic[];
  onChange: (file: string, text: string) => void;
  onApply: () => void;
}

const MARKER_OWNER = 'ordinal';

function modelFor(file: string, text: string) {
  const uri = monaco.Uri.parse(`file:///workspace/${file}`);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'yaml', uri);
}

export default function ManifestEditor({ file, text, diagnostics, onChange, onApply }: ManifestEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  // The latest callbacks, read by listeners registered once.
  const callbacks = useRef({ onChange, onApply });
  useEffect(() => {
    callbacks.current = { onChange, onApply };
  });

  useEffect(() => {
    if (!host.current) return;
    const instance = monaco.editor.create(host.current, {
      automaticLayout: true,
      fontSize: 16,
      lineHeight: 24,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      theme: 'vs',
      renderWhitespace: 'none',
      fixedOverflowWidgets: true,
    });
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onApply());
    const changes = instance.onDidChangeModelContent(() => {
      const model = instance.getModel();
      if (model) callbacks.current.onChange(model.uri.path.replace(/^\/workspace\//, ''), model.getValue());
    });
    editor.current = instance;
    return () => {
      changes.dispose();
      instance.dispose();
      editor.current = undefined;
    };
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (!instance) return;
    const model = modelFor(file, text);
    if (instance.getModel() !== model) instance.setModel(model);
    // Only text from outside (a load or a restore) is pushed in; typing already matches.
    if (model.getValue() !== text) model.setValue(text);
  }, [file, text]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, toMonacoMarkers(diagnostics));
  }, [diagnostics, file, text]);

  return <div className="monaco-host" ref={host} data-testid="editor.monaco" />;
}
