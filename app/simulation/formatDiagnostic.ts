/** The location and message of a diagnostic from src/ (structurally typed, so any Diagnostic fits). */
export interface DiagnosticLike {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * Formats a diagnostic the way compilers do, `file:line:column: message`, leaving out the parts
 * it does not have. `fallbackFile` names the file when the diagnostic itself does not.
 */
export function formatDiagnostic(diagnostic: DiagnosticLike, fallbackFile?: string): string {
  const file = diagnostic.file ?? fallbackFile;
  const location = [file, diagnostic.line, diagnostic.column].filter((part) => part !== undefined).join(':');
  return location === '' ? diagnostic.message : `${location}: ${diagnostic.message}`;
}
