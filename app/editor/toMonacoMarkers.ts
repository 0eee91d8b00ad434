import type { Diagnostic } from '../../src/manifest/diagnostics';

/** The fields of monaco.editor.IMarkerData we fill (severity: 8 = Error, 4 = Warning). */
export interface MarkerData {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  severity: number;
  source: string;
}

/** Engine diagnostics → Monaco markers. A diagnostic without a position marks the first line. */
export function toMonacoMarkers(diagnostics: readonly Diagnostic[]): MarkerData[] {
  return diagnostics.map((d) => {
    const line = d.line ?? 1;
    const column = d.column ?? 1;
    return {
      startLineNumber: line,
      startColumn: column,
      endLineNumber: d.endLine ?? line,
      // Without an end, underline to the end of the line (Monaco clamps it).
      endColumn: d.endColumn ?? (d.endLine ? column + 1 : 1000),
      message: d.message,
      severity: d.severity === 'error' ? 8 : 4,
      source: `kubectl (${d.source ?? 'api'})`,
    };
  });
}
