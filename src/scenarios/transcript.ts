/** The human transcript of a run: each command after its prompt, then what it printed. */
import type { RunResult } from './runScenario';

export function formatTranscript(result: RunResult): string {
  const out: string[] = [];
  for (const step of result.steps) {
    out.push(`${step.prompt} ${step.command}`);
    if (step.output) out.push(step.output);
  }
  return `${out.join('\n')}\n`;
}
