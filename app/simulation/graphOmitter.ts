// The worker's side of leaving an unchanged graph out of a message (see SnapshotMessage): the
// graph of hundreds of pods is most of a snapshot's size, and a play frame usually only moves the
// clock. The host hands out the same graph object while the cluster is unchanged.
import type { Snapshot, SnapshotMessage } from '../../src/protocol/messages';

/** A function that turns each snapshot into the message to post, without a graph already sent. */
export function graphOmitter(): (snapshot: Snapshot) => SnapshotMessage {
  let sent: Snapshot['graph'] | undefined;
  return (snapshot) => {
    if (snapshot.graph !== sent) {
      sent = snapshot.graph;
      return snapshot;
    }
    const message: SnapshotMessage = { ...snapshot };
    delete message.graph;
    return message;
  };
}
