/**
 * Narration: plain-language sentences, as a teacher would say them, for the notable things that
 * happen in the cluster ("web-1 waits: web-0 is not Ready yet"). This file holds the data shapes;
 * `narrate.ts` derives lines from the change log and the events. A line carries a translation key
 * and its parameters, never text: the app renders it in the reader's language
 * (`app/i18n/locales/<language>/narration.json`), with object names left as Kubernetes prints them.
 */

/** The object a line is about, so the app can select it. */
export interface NarrationObject {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * One sentence of the story.
 *
 * @example
 * { id: '32.1', at: 3000, key: 'createdAfterReady', params: { pod: 'web-1', previous: 'web-0' },
 *   object: { kind: 'Pod', namespace: 'default', name: 'web-1' } }
 */
export interface NarrationLine {
  /** Unique and stable: the change-log seq (or `e<event index>`) that caused it, then a counter. */
  id: string;
  /** Simulated ms. */
  at: number;
  /** Translation key in the `narration` namespace, under `lines.` */
  key: string;
  params: Record<string, string | number>;
  object: NarrationObject;
}

/** What the narrator remembers about a pod between changes, to see transitions. */
export interface PodDigest {
  uid: string;
  /** The controller, `StatefulSet/web` or `ReplicaSet/web-deploy-79665674fc`; empty for a bare pod. */
  owner: string;
  node: string;
  ready: boolean;
  everReady: boolean;
  deleting: boolean;
  terminated: boolean;
  waiting: string;
  restarts: number;
  unschedulable: string;
}

/** What the narrator remembers about a StatefulSet. */
export interface SetDigest {
  replicas: number;
  ordered: boolean;
  /** volumeClaimTemplates names (claims are `<template>-<set>-<ordinal>`). */
  templates: string[];
  /** False when persistentVolumeClaimRetentionPolicy deletes the claims on scale-down / on delete. */
  keepsClaimsOnScale: boolean;
  keepsClaimsOnDelete: boolean;
  /** Ordinal of the pod the last scale-down removed, to say "then web-2". */
  lastRemoved?: number;
}

/** What the narrator remembers about a ReplicaSet (a Deployment's pods). */
export interface ReplicaSetDigest {
  /** spec.replicas as last seen. */
  replicas: number;
  /** Names of pods going away that the ReplicaSet will replace, oldest first. */
  gone: string[];
  /** When it last said "creates …": pods created at the same instant share that line. */
  createdAt?: number;
}

/** What the narrator remembers about a node. */
export interface NodeDigest {
  ready: boolean;
  unschedulable: boolean;
}

/**
 * The narrator's memory: plain data, so narration is a pure function of (state, memory) and the
 * same change log always tells the same story however it is cut into calls.
 */
export interface NarrationMemory {
  /** Last change-log seq read. */
  seq: number;
  /** Events read (index into `state.events`; aggregated repeats are not news). */
  events: number;
  pods: Record<string, PodDigest>;
  sets: Record<string, SetDigest>;
  nodes: Record<string, NodeDigest>;
  /** StatefulSet pods (store keys) that existed once: a new one with the same name is a re-creation. */
  seenSetPods: Record<string, true>;
  /** When each claim was created (store key → ms), to tell a new claim from one kept from before. */
  claimsBornAt: Record<string, number>;
  /** Pod uids already told their volume is attached elsewhere (the event repeats with other messages). */
  multiAttached: Record<string, true>;
  /** ReplicaSets by store key. */
  replicaSets: Record<string, ReplicaSetDigest>;
}

/** The memory before anything was read. */
export function createNarrationMemory(): NarrationMemory {
  return { seq: 0, events: 0, pods: {}, sets: {}, nodes: {}, seenSetPods: {}, claimsBornAt: {}, multiAttached: {}, replicaSets: {} };
}
