/**
 * Diagnostics: what is wrong with a manifest, where, and who says so. Plain data, independent of
 * Monaco (app/editor turns them into markers) and of the terminal (kubectl prints its own texts,
 * see `apiErrors.ts`).
 */

/**
 * One problem found in a manifest file. Lines and columns are 1-based; `endLine`/`endColumn`
 * (exclusive) cover the offending key or token when known.
 *
 * @example
 * { file: 'web.yaml', line: 12, column: 7, endLine: 12, endColumn: 15,
 *   message: 'unknown field "spec.replicaz"', severity: 'error', source: 'schema' }
 */
export interface Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning';
  /** `yaml`: the YAML parser; `schema`: strict decoding (unknown fields, types); `api`: API-server validation. */
  source?: 'yaml' | 'schema' | 'api';
}

/**
 * `web.yaml:12:7: message`, the compiler-style one-line form. Parts that are unknown are left
 * out (`web.yaml: message`, `12:7: message`).
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where: string[] = [];
  if (d.file) where.push(d.file);
  if (d.line !== undefined) {
    where.push(String(d.line));
    if (d.column !== undefined) where.push(String(d.column));
  }
  return where.length ? `${where.join(':')}: ${d.message}` : d.message;
}

/** Orders diagnostics by file, then position (diagnostics without a position first). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.file ?? '';
  const fb = b.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** True when at least one diagnostic is an error (warnings do not block an apply). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
