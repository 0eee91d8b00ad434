/**
 * kubectl-style flag parsing: `--name=value`, `--name value`, `-n value`,
 * boolean flags, grouped short booleans (`-it`), and everything after `--`
 * kept verbatim.
 */

export interface FlagSpec {
  /** Flags that take a value, by every spelling (`namespace`, `n`). Values: the canonical name. */
  values: Record<string, string>;
  /** Boolean flags, by every spelling. */
  booleans: Record<string, string>;
  /** Flags that may repeat (values collected in order). */
  repeated?: string[];
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string>;
  multi: Record<string, string[]>;
  /** Words after `--`. */
  rest: string[];
  /** True when `--` was present. */
  dashdash: boolean;
}

/** Parses words against a spec. Throws `Error` with kubectl's wording on unknown flags. */
export function parseArgs(words: string[], spec: FlagSpec): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: {}, multi: {}, rest: [], dashdash: false };
  const set = (name: string, value: string) => {
    if (spec.repeated?.includes(name)) (out.multi[name] ??= []).push(value);
    out.flags[name] = value;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--') {
      out.dashdash = true;
      out.rest = words.slice(i + 1);
      break;
    }
    if (word.startsWith('--')) {
      const [rawName, inline] = splitOnce(word.slice(2));
      const valueName = spec.values[rawName];
      const boolName = spec.booleans[rawName];
      if (valueName) {
        const value = inline ?? words[++i];
        if (value === undefined) throw new Error(`flag needs an argument: --${rawName}`);
        set(valueName, value);
      } else if (boolName) set(boolName, inline ?? 'true');
      else throw new Error(`unknown flag: --${rawName}`);
      continue;
    }
    if (word.startsWith('-') && word.length > 1 && !/^-\d/.test(word)) {
      const body = word.slice(1);
      const [first, inline] = splitOnce(body);
      if (spec.values[first]) {
        const value = inline ?? words[++i];
        if (value === undefined) throw new Error(`flag needs an argument: '${first}' in -${first}`);
        set(spec.values[first] as string, value);
        continue;
      }
      if (spec.values[body[0] as string] && body.length > 1) {
        set(spec.values[body[0] as string] as string, body.slice(1));
        continue;
      }
      for (const ch of body) {
        const name = spec.booleans[ch];
        if (!name) throw new Error(`unknown shorthand flag: '${ch}' in ${word}`);
        set(name, 'true');
      }
      continue;
    }
    out.positional.push(word);
  }
  return out;
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** True when a boolean flag is set (and not `=false`). */
export function flagOn(args: ParsedArgs, name: string): boolean {
  const v = args.flags[name];
  return v !== undefined && v !== 'false';
}
