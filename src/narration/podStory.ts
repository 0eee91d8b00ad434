/**
 * Narration rules for pods: ordered creation ("web-1 is created only after web-0 is Ready"),
 * identity kept or not (a StatefulSet pod comes back under its name and keeps its claim; a
 * ReplicaSet's replacement gets a new random name), readiness, crashes and back-off, evictions,
 * scale-down order, and the scheduler's reasons for leaving a pod Pending.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { controllerOf, isDeleting, type KObject } from '../model/objects';
import { getCondition, isPodReady, ordinalOf, type PodObject } from '../model/pod';
import { claimsOf, localVolumeNode } from './volumes';
import type { StoryContext } from './narrate';
import type { PodDigest } from './narrationLine';

/** Reads one Pod change: creation, deletion, or a transition between two digests of the same pod. */
export function narratePodChange(ctx: StoryContext): void {
  const { change, memory } = ctx;
  const pod = change.object as PodObject;
  if (change.type === 'DELETED') {
    const gone = memory.pods[change.key];
    if (gone && !gone.deleting) expectReplacement(ctx, gone, pod.metadata.name);
    delete memory.pods[change.key];
    return;
  }
  const before = memory.pods[change.key];
  const now = digestPod(pod, before?.uid === pod.metadata.uid ? before : undefined);
  memory.pods[change.key] = now;
  if (change.type === 'ADDED' || !before || before.uid !== now.uid) {
    podCreated(ctx, pod, now);
    return;
  }
  if (!before.deleting && now.deleting) podDeleting(ctx, pod, now);
  if (now.unschedulable && now.unschedulable !== before.unschedulable) podUnschedulable(ctx, pod, now.unschedulable);
  if (!before.terminated && now.terminated && !now.deleting && crashes(pod)) podCrashed(ctx, pod);
  if (now.waiting === 'CrashLoopBackOff' && (before.waiting !== 'CrashLoopBackOff' || now.restarts !== before.restarts)) {
    const message = pod.status?.containerStatuses?.find((s) => s.state?.waiting?.reason === 'CrashLoopBackOff')?.state?.waiting?.message ?? '';
    const delay = /back-off (\S+) restarting/.exec(message)?.[1] ?? '';
    ctx.say('crashLoopBackOff', { pod: pod.metadata.name, delay });
  }
  if (isPullFailure(now.waiting) && !isPullFailure(before.waiting)) {
    const status = pod.status?.containerStatuses?.find((s) => isPullFailure(s.state?.waiting?.reason ?? ''));
    ctx.say('imagePullFailed', { pod: pod.metadata.name, image: status?.image ?? '', reason: now.waiting });
  }
  // Readiness of StatefulSet pods is the story of ordered creation; a Deployment's is not.
  if (!before.ready && now.ready && now.owner.startsWith('StatefulSet/')) {
    if (now.restarts > 0 && before.everReady) ctx.say('podReadyAgain', { pod: pod.metadata.name, restarts: now.restarts });
    else ctx.say('podReady', { pod: pod.metadata.name, node: now.node });
  }
  if (before.ready && !now.ready && !now.deleting && !now.terminated && now.owner && memory.nodes[now.node]?.ready !== false) {
    ctx.say('podNotReady', { pod: pod.metadata.name });
  }
}

function digestPod(pod: PodObject, before: PodDigest | undefined): PodDigest {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = isPodReady(pod);
  const scheduled = getCondition(pod, 'PodScheduled');
  const owner = controllerOf(pod);
  return {
    uid: pod.metadata.uid ?? '',
    owner: owner ? `${owner.kind}/${owner.name}` : '',
    node: pod.spec?.nodeName ?? '',
    ready,
    everReady: ready || (before?.everReady ?? false),
    deleting: isDeleting(pod),
    terminated: statuses.some((s) => s.state?.terminated),
    waiting: statuses.map((s) => s.state?.waiting?.reason ?? '').find(Boolean) ?? '',
    restarts: statuses.reduce((sum, s) => sum + s.restartCount, 0),
    unschedulable: scheduled?.status === 'False' && scheduled.reason === 'Unschedulable' ? (scheduled.message ?? '') : '',
  };
}

/** A container that exits is restarted in place unless the pod is done with it (restartPolicy Never, a finished Job pod). */
function crashes(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return pod.spec?.restartPolicy !== 'Never' && phase !== 'Succeeded' && phase !== 'Failed' && pod.status?.containerStatuses?.some((s) => (s.state?.terminated?.exitCode ?? 0) !== 0) === true;
}

function isPullFailure(reason: string): boolean {
  return reason === 'ErrImagePull' || reason === 'ImagePullBackOff';
}

function podCreated(ctx: StoryContext, pod: PodObject, digest: PodDigest): void {
  const { memory, change } = ctx;
  const name = pod.metadata.name;
  const [kind, ownerName = ''] = digest.owner.split('/');
  if (kind === 'ReplicaSet') {
    const rs = (memory.replicaSets[`${pod.metadata.namespace}/${ownerName}`] ??= { replicas: 0, gone: [] });
    const old = rs.gone.shift();
    if (old !== undefined) ctx.say('replicaSetReplaced', { pod: name, old });
    // One line for the pods a ReplicaSet creates at one instant: they all start at once.
    else if (rs.createdAt !== change.at) ctx.say('replicaSetCreated', { owner: ownerName, pod: name });
    rs.createdAt = change.at;
    return;
  }
  if (kind !== 'StatefulSet') return;
  const set = memory.sets[`${pod.metadata.namespace}/${ownerName}`];
  const ordinal = ordinalOf(name, ownerName);
  const ordered = set?.ordered ?? true;
  if (memory.seenSetPods[change.key]) ctx.say('podRecreated', { pod: name });
  else if (!ordered) ctx.say('podCreatedParallel', { pod: name });
  else if (ordinal === 0) ctx.say('firstPodCreated', { pod: name });
  else if (ordinal > 0) ctx.say('createdAfterReady', { pod: name, previous: `${ownerName}-${ordinal - 1}` });
  memory.seenSetPods[change.key] = true;
  for (const claim of claimsOf(pod)) {
    const bornAt = memory.claimsBornAt[`${pod.metadata.namespace}/${claim}`];
    ctx.say(bornAt === change.at ? 'claimCreated' : 'claimKept', { pod: name, claim });
  }
  const next = `${ownerName}-${ordinal + 1}`;
  if (ordered && set && ordinal >= 0 && set.replicas > ordinal + 1 && !digest.ready && !memory.pods[`${pod.metadata.namespace}/${next}`]) {
    ctx.say('nextWaits', { next, pod: name });
  }
}

function podDeleting(ctx: StoryContext, pod: PodObject, digest: PodDigest): void {
  const { memory } = ctx;
  const name = pod.metadata.name;
  const disruption = getCondition(pod, 'DisruptionTarget');
  const reason = disruption?.status === 'True' ? disruption.reason : undefined;
  const [kind, ownerName = ''] = digest.owner.split('/');
  const set = kind === 'StatefulSet' ? memory.sets[`${pod.metadata.namespace}/${ownerName}`] : undefined;
  const ordinal = ordinalOf(name, ownerName);
  if (kind === 'ReplicaSet') expectReplacement(ctx, digest, name);
  if (reason === 'EvictionByEvictionAPI') ctx.say('podEvicted', { pod: name, node: digest.node });
  else if (reason === 'DeletionByTaintManager') {
    const nodeDown = memory.nodes[digest.node]?.ready === false;
    if (kind === 'StatefulSet' && nodeDown) ctx.say('podEvictedStuck', { pod: name, node: digest.node });
    else if (kind === 'ReplicaSet') ctx.say('podEvictedReplaced', { pod: name, node: digest.node });
    else ctx.say('podEvictedByTaint', { pod: name, node: digest.node });
  } else if (set && ordinal >= set.replicas) {
    // Scale-down removes the highest ordinal first and waits for it to be gone (R3.x); claims stay unless whenScaled: Delete.
    const first = set.lastRemoved !== ordinal + 1;
    const claims = set.keepsClaimsOnScale ? claimsOf(pod) : [];
    const key = `${first ? 'scaleDownFirst' : 'scaleDownNext'}${claims.length ? '' : 'NoClaim'}`;
    ctx.say(key, first ? { pod: name, ...(claims.length ? { claim: claims.join(', ') } : {}) } : { pod: name, previous: `${ownerName}-${ordinal + 1}`, ...(claims.length ? { claim: claims.join(', ') } : {}) });
    set.lastRemoved = ordinal;
  } else if (set) ctx.say('stsPodDeleted', { pod: name, set: ownerName });
}

/** Remembers a ReplicaSet's replicas: a pod it deletes on scale-down is not replaced. */
export function rememberReplicaSet(ctx: StoryContext): void {
  const { change, memory } = ctx;
  if (change.type === 'DELETED') {
    delete memory.replicaSets[change.key];
    return;
  }
  const replicas = (change.object as { spec?: { replicas?: number } } & KObject).spec?.replicas ?? 1;
  const rs = (memory.replicaSets[change.key] ??= { replicas, gone: [] });
  rs.replicas = replicas;
  if (rs.gone.length > replicas) rs.gone.length = replicas;
}

/** A ReplicaSet pod going away while its ReplicaSet still wants it: the next new pod is its replacement. */
function expectReplacement(ctx: StoryContext, digest: PodDigest, name: string): void {
  const [kind, ownerName = ''] = digest.owner.split('/');
  if (kind !== 'ReplicaSet') return;
  const namespaceOf = (ctx.change.object as KObject).metadata.namespace;
  const rsKey = `${namespaceOf}/${ownerName}`;
  const rs = (ctx.memory.replicaSets[rsKey] ??= { replicas: 0, gone: [] });
  if (rs.gone.includes(name)) return;
  const staying = Object.values(ctx.memory.pods).filter((p) => p.owner === digest.owner && !p.deleting && p.uid !== digest.uid).length;
  if (staying < rs.replicas) rs.gone.push(name);
}

function podUnschedulable(ctx: StoryContext, pod: PodObject, message: string): void {
  const name = pod.metadata.name;
  if (message.includes('volume node affinity conflict')) {
    for (const claim of claimsOf(pod)) {
      const node = localVolumeNode(ctx.state, pod.metadata.namespace, claim);
      if (!node) continue;
      const digest = ctx.memory.nodes[node];
      const key = digest?.ready === false ? 'localVolumeNodeDown' : digest?.unschedulable ? 'localVolumeNodeCordoned' : 'localVolumePinned';
      ctx.say(key, { pod: name, claim, node });
      return;
    }
  }
  ctx.say('podUnschedulable', { pod: name, message });
}

function podCrashed(ctx: StoryContext, pod: PodObject): void {
  // The back-off line of the same instant tells this crash better ("restarts it in 10s").
  const { state, change, index } = ctx;
  for (let i = index + 1; i < state.changes.length; i++) {
    const next = state.changes[i];
    if (!next || next.at !== change.at) break;
    if (next.key !== change.key || next.kind !== 'Pod') continue;
    const waiting = (next.object as PodObject).status?.containerStatuses?.some((s) => s.state?.waiting?.reason === 'CrashLoopBackOff');
    if (waiting) return;
    break;
  }
  const status = pod.status?.containerStatuses?.find((s) => (s.state?.terminated?.exitCode ?? 0) !== 0);
  ctx.say('podCrashed', { pod: pod.metadata.name, container: status?.name ?? '', code: status?.state?.terminated?.exitCode ?? 0 });
}
