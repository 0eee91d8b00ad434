/**
 * The narrator: reads the change log and the events written since its last call and returns the
 * notable things as narration lines (keys + params). Pure and incremental: it never mutates the
 * cluster state, and the memory it returns is the input of the next call.
 *
 * Lines come from real state transitions (a pod turning Ready, a claim that already existed when
 * its pod came back, a node's Ready condition going Unknown), never from the commands typed.
 */
import type { ChangeRecord, ClusterState } from '../engine/clusterState';
import type { KObject } from '../model/objects';
import { narrateNodeChange, narrateSetChange, rememberClaim } from './clusterStory';
import type { NarrationLine, NarrationMemory, NarrationObject } from './narrationLine';
import { narratePodChange, rememberReplicaSet } from './podStory';

/** What a rule gets: the state (for lookups), the memory it updates, and a way to say a line. */
export interface StoryContext {
  state: ClusterState;
  memory: NarrationMemory;
  change: ChangeRecord;
  /** Index of `change` in `state.changes` (rules may look ahead within the same instant). */
  index: number;
  say(key: string, params: Record<string, string | number>, object?: NarrationObject): void;
}

/** The result of one call: the new lines, oldest first, and the memory for the next call. */
export interface Narration {
  lines: NarrationLine[];
  memory: NarrationMemory;
}

/**
 * Narrates what happened since `memory` was taken.
 *
 * @example
 * let memory = createNarrationMemory();
 * const { lines, memory: next } = narrateSince(state, memory); // lines: [{ key: 'firstPodCreated', params: { pod: 'web-0', … } }, …]
 */
export function narrateSince(state: ClusterState, previous: NarrationMemory): Narration {
  const memory = structuredCloneMemory(previous);
  const lines: NarrationLine[] = [];
  const changes = state.changes;
  for (let index = firstAfter(changes, memory.seq); index < changes.length; index++) {
    const change = changes[index] as ChangeRecord;
    let counter = 0;
    const say: StoryContext['say'] = (key, params, object) => {
      counter += 1;
      lines.push({ id: `${change.seq}.${counter}`, at: change.at, key, params, object: object ?? refOf(change.object) });
    };
    const ctx: StoryContext = { state, memory, change, index, say };
    switch (change.kind) {
      case 'Pod':
        narratePodChange(ctx);
        break;
      case 'Node':
        narrateNodeChange(ctx);
        break;
      case 'StatefulSet':
        narrateSetChange(ctx);
        break;
      case 'PersistentVolumeClaim':
        rememberClaim(ctx);
        break;
      case 'ReplicaSet':
        rememberReplicaSet(ctx);
        break;
    }
    memory.seq = change.seq;
  }
  for (; memory.events < state.events.length; memory.events++) {
    const event = state.events[memory.events];
    if (!event) continue;
    // Several pods sharing one ReadWriteOnce claim (a Deployment with a claim): the attach/detach
    // controller refuses the second node. Only the event says so.
    if (event.reason === 'FailedAttachVolume' && event.message.startsWith('Multi-Attach')) {
      const { kind, namespace, name, uid } = event.involved;
      if (memory.multiAttached[uid]) continue;
      memory.multiAttached[uid] = true;
      const object: NarrationObject = namespace ? { kind, namespace, name } : { kind, name };
      lines.push({ id: `e${memory.events}`, at: event.firstAt, key: 'multiAttach', params: { pod: name }, object });
    }
  }
  // Stable: lines of one instant keep the order in which they were said. Event lines carry no
  // position in the change log, so they follow the changes of their instant read in this call.
  lines.sort((a, b) => a.at - b.at);
  return { lines, memory };
}

/** Index of the first change with a seq above `seq` (the log is ordered by seq). */
function firstAfter(changes: ChangeRecord[], seq: number): number {
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((changes[mid] as ChangeRecord).seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The reference a line carries by default: the changed object. */
export function refOf(obj: KObject): NarrationObject {
  const { kind } = obj;
  const { namespace, name } = obj.metadata;
  return namespace ? { kind, namespace, name } : { kind, name };
}

/** The memory is plain JSON; copying it keeps `narrateSince` from touching its input. */
function structuredCloneMemory(memory: NarrationMemory): NarrationMemory {
  return JSON.parse(JSON.stringify(memory)) as NarrationMemory;
}
