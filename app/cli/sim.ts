// The headless runner's Node entry: `npm run --silent sim -- <scenario.yaml> [--json]`.
// It reads the file and prints what src/ returns; all behaviour lives in the engine.
// Exit codes: 0 ran, 1 the scenario has errors, 2 usage or file problem.
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenarios/parseScenario';
import { runScenario } from '../../src/scenarios/runScenario';
import { toJsonRecord } from '../../src/scenarios/jsonRecord';
import { formatTranscript } from '../../src/scenarios/transcript';
import { formatDiagnostic } from '../simulation/formatDiagnostic';

const USAGE = 'usage: sim <scenario.yaml> [--json]';

function main(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const json = args.includes('--json');
  const rest = args.filter((arg) => arg !== '--json');
  const unknownOption = rest.find((arg) => arg.startsWith('-'));
  if (unknownOption !== undefined) return usageError(`unknown option ${unknownOption}`);
  const [path, ...extra] = rest;
  if (path === undefined) return usageError('no scenario file given');
  if (extra.length > 0) return usageError(`one scenario file at a time (also got ${extra.join(' ')})`);

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    process.stderr.write(`sim: cannot read ${path} (${reason})\n`);
    return 2;
  }

  const { scenario, diagnostics } = parseScenario(text, path);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  for (const warning of diagnostics.filter((diagnostic) => diagnostic.severity === 'warning')) {
    process.stderr.write(`${formatDiagnostic({ ...warning, message: `warning: ${warning.message}` }, path)}\n`);
  }
  if (errors.length > 0 || !scenario) {
    for (const error of errors) process.stderr.write(`${formatDiagnostic(error, path)}\n`);
    if (errors.length === 0) process.stderr.write(`${path}: the scenario could not be read\n`);
    return 1;
  }

  const result = runScenario(scenario);
  const output = json ? JSON.stringify(toJsonRecord(result), null, 2) : formatTranscript(result);
  process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  return 0;
}

function usageError(problem: string): number {
  process.stderr.write(`sim: ${problem}. ${USAGE}\n`);
  return 2;
}

// exitCode rather than exit(): lets a long transcript finish flushing to a pipe.
process.exitCode = main(process.argv.slice(2));
