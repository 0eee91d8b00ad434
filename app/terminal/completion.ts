// Tab completion for the terminal: verbs, kinds and object names (from the latest snapshot).

const KUBECTL_VERBS = ['apply', 'cordon', 'delete', 'describe', 'drain', 'exec', 'get', 'label', 'patch', 'run', 'scale', 'taint', 'uncordon'];
const SIM_VERBS = ['add-node', 'advance', 'break-readiness', 'crash', 'dns', 'fix-readiness', 'node-down', 'node-up', 'remove-node', 'wait'];

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
  if (program === 'sim') {
    if (position === 1) return SIM_VERBS;
    if (['crash', 'break-readiness', 'fix-readiness'].includes(verb ?? '')) return names['Pod'] ?? [];
    if (['node-down', 'node-up', 'remove-node'].includes(verb ?? '')) return names['Node'] ?? [];
    if (verb === 'wait') return ['--stable'];
    return [];
  }
  if (program !== 'kubectl' && program !== 'k') return [];
  if (position === 1) return KUBECTL_VERBS;
  const previous = words[position - 1] ?? '';
  if (previous === '-f' || previous === '--filename') return files;
  if (['cordon', 'uncordon', 'drain', 'taint'].includes(verb ?? '')) return names['Node'] ?? [];
  if (verb === 'exec') return names['Pod'] ?? [];
  if (verb === 'apply') return ['-f'];
  if (position === 2) return verb === 'scale' ? ['statefulset', 'deployment'] : RESOURCE_WORDS;
  const kind = RESOURCES[words[2] ?? ''];
  return kind ? (names[kind] ?? []) : [];
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
