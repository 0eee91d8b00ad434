// What a replay of a past moment is made of: a cluster with its session, and a journal entry
// applied the way a load's replay applies it. State is a pure function of the scenario (DESIGN §1), so a
// replay is the same cluster the live run had at that moment: same names, IPs and events.
import type { ClusterState } from '../../src/engine/clusterState';
import type { Session } from '../../src/kubectl/session';
import type { JournalEntry } from '../../src/protocol/messages';

/** A replayed cluster and its terminal session. */
export interface Replayed {
  state: ClusterState;
  session: Session;
}

/** Applies one journal entry to a session, as a load's replay does. */
export function applyEntry(session: Session, entry: JournalEntry): void {
  if (entry.type === 'file') session.files[entry.file] = entry.text;
  else session.run(entry.line);
}
