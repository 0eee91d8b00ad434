// Which workspace files hold edits that were never applied: the work "Reset to the scenario" (or
// "Start empty" on a page whose files are not autosaved) would lose, and so asks about first.
import type { JournalEntry } from '../../src/protocol/messages';

/** `kubectl apply|create|replace … -f a.yaml[,b.yaml]` → the files it reads (`.` means all). */
function filesOfLine(line: string): string[] | undefined {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'kubectl' || !['apply', 'create', 'replace'].includes(words[1] ?? '')) return undefined;
  const files: string[] = [];
  words.forEach((word, i) => {
    if (word === '-f' || word === '--filename') files.push(...(words[i + 1] ?? '').split(','));
    else if (word.startsWith('-f=') || word.startsWith('--filename=')) files.push(...word.slice(word.indexOf('=') + 1).split(','));
  });
  return files;
}

/**
 * The files whose text is neither the scenario's nor the text last applied (per the journal: a
 * file's text is recorded before the command that follows its edit), in the editor's order.
 * A new file left empty holds no work.
 */
export function unappliedFiles(files: Readonly<Record<string, string>>, scenarioFiles: Readonly<Record<string, string>>, journal: readonly JournalEntry[]): string[] {
  const recorded: Record<string, string> = { ...scenarioFiles };
  const applied: Record<string, string> = { ...scenarioFiles };
  for (const entry of journal) {
    if (entry.type === 'file') recorded[entry.file] = entry.text;
    else {
      const read = filesOfLine(entry.line);
      for (const file of Object.keys(recorded)) if (read?.includes(file) || read?.includes('.')) applied[file] = recorded[file] ?? '';
    }
  }
  return Object.entries(files)
    .filter(([file, text]) => text !== (scenarioFiles[file] ?? '') && text !== (applied[file] ?? ''))
    .map(([file]) => file);
}
