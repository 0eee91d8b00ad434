/**
 * The tiny shell `kubectl exec` runs (DESIGN.md §1). Entry points:
 * `execInPod`, `openShellSession`, `runShellLine`, `shellPrompt`.
 */
export { execInPod, openShellSession, runShellLine, shellPrompt } from './execInPod';
export { COMMANDS } from './interpreter';
export type { ExecResult, ExecTarget, ShellCommand, ShellContext, ShellSession } from './types';
