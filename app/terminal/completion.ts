// Tab completion for the terminal: verbs, kinds and object names (from the latest snapshot).

/** What follows a verb: object names of a kind, resource words, or nothing to offer. */
type Argument = 'resources' | 'pods' | 'nodes' | 'files' | 'scalable' | 'rollout' | 'set' | 'wait' | 'none';

/**
 * The one list of commands the terminal completes: every kubectl and sim verb Ordinal runs, with
 * what its next word is. completion.test.ts checks it against the verbs the dispatcher names.
 */
export const COMMANDS: { kubectl: Record<string, Argument>; sim: Record<string, Argument> } = {
  kubectl: {
    apply: 'files',
    cordon: 'nodes',
    delete: 'resources',
    describe: 'resources',
    drain: 'nodes',
    exec: 'pods',
    get: 'resources',
    label: 'resources',
    logs: 'pods',
    patch: 'resources',
    rollout: 'rollout',
    run: 'none',
    scale: 'scalable',
    set: 'set',
    taint: 'nodes',
    uncordon: 'nodes',
  },
  sim: {
    'add-node': 'none',
    advance: 'none',
    'break-readiness': 'pods',
    crash: 'pods',
    dns: 'none',
    'fix-readiness': 'pods',
    'break-liveness': 'pods',
    'fix-liveness': 'pods',
    'node-down': 'nodes',
    'node-up': 'nodes',
    'remove-node': 'nodes',
    wait: 'wait',
  },
};

const ROLLOUT_SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

/** Resource words kubectl accepts, with the kind whose names follow them. */
const RESOURCES: Record<string, string> = {
  pods: 'Pod',
  pod: 'Pod',
  po: 'Pod',
  statefulsets: 'StatefulSet',
  statefulset: 'StatefulSet',
  sts: 'StatefulSet',
  deployments: 'Deployment',
  deployment: 'Deployment',
  replicasets: 'ReplicaSet',
  jobs: 'Job',
  services: 'Service',
  service: 'Service',
  svc: 'Service',
  pvc: 'PersistentVolumeClaim',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  pv: 'PersistentVolume',
  persistentvolumes: 'PersistentVolume',
  nodes: 'Node',
  node: 'Node',
  storageclasses: 'StorageClass',
  events: '',
  endpointslices: '',
  all: '',
};
const RESOURCE_WORDS = ['all', 'events', 'nodes', 'pods', 'pv', 'pvc', 'services', 'statefulsets', 'storageclasses', 'deployments', 'jobs', 'endpointslices'];

/** What the word being typed may become. */
function candidates(words: string[], names: Record<string, string[]>, files: string[]): string[] {
  const [program, verb] = words;
  const position = words.length - 1;
  if (position === 0) return ['kubectl', 'sim'];
  const table = program === 'sim' ? COMMANDS.sim : program === 'kubectl' || program === 'k' ? COMMANDS.kubectl : undefined;
  if (!table) return [];
  if (position === 1) return Object.keys(table);
  const previous = words[position - 1] ?? '';
  if (previous === '-f' || previous === '--filename') return files;
  const argument = Object.hasOwn(table, verb ?? '') ? table[verb ?? ''] : undefined;
  const kindAfter = (at: number) => {
    const kind = RESOURCES[words[at] ?? ''];
    return kind ? (names[kind] ?? []) : [];
  };
  switch (argument) {
    case 'pods':
      return names['Pod'] ?? [];
    case 'nodes':
      return names['Node'] ?? [];
    case 'files':
      return ['-f'];
    case 'wait':
      return ['--stable'];
    case 'scalable':
      return position === 2 ? ['statefulset', 'deployment'] : kindAfter(2);
    case 'rollout':
      if (position === 2) return ROLLOUT_SUBCOMMANDS;
      return position === 3 ? ['statefulset', 'deployment'] : kindAfter(3);
    case 'set':
      if (position === 2) return ['image'];
      return position === 3 ? ['statefulset', 'deployment'] : kindAfter(3);
    case 'resources':
      return position === 2 ? RESOURCE_WORDS : kindAfter(2);
    default:
      return [];
  }
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Completes the last word of `line`. Returns the new line and, when several words fit, the
 * choices to show (bash style).
 */
export function complete(line: string, names: Record<string, string[]>, files: string[]): { line: string; choices: string[] } {
  const words = line.split(/\s+/);
  if (words[0] === '') words.shift();
  if (words.length === 0) words.push('');
  const partial = words[words.length - 1] ?? '';
  const matches = [...new Set(candidates(words, names, files))].filter((c) => c.startsWith(partial)).sort();
  if (matches.length === 0) return { line, choices: [] };
  const head = line.slice(0, line.length - partial.length);
  if (matches.length === 1) return { line: `${head}${matches[0]} `, choices: [] };
  return { line: `${head}${commonPrefix(matches)}`, choices: matches };
}
