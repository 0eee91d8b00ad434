/**
 * Splits a command line into words like a POSIX shell would for simple
 * commands: single and double quotes, backslash escapes, no expansion.
 */

/** Result of tokenizing: the words, or an error for an unterminated quote. */
export function tokenize(line: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) current += line[++i];
      else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) return { words, error: `unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) words.push(current);
  return { words };
}
