import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CardNode } from '../toFlowElements';
import { Badge, Ports } from './cardParts';

/**
 * A pod, compact for a projector: name, STATUS, READY and restarts on the first line; IP and the
 * stable DNS name on the second; while unscheduled, the scheduler's whole message (wrapped).
 */
function PodCard({ data }: NodeProps<CardNode>) {
  if (data.type !== 'pod') return null;
  const pod = data.data;
  const id = `graph.${data.id}`;
  return (
    <div className={`card pod tone-${pod.tone}`} data-testid={id} data-status={pod.status} data-node={pod.node ?? ''}>
      <Ports />
      <div className="card-title">
        <span className="name" data-testid={`${id}.name`}>{pod.name}</span>
        <Badge tone={pod.tone} text={pod.status} testId={`${id}.status`} />
        <span className="ready" data-testid={`${id}.ready`} title="ready containers">
          {pod.ready}
        </span>
        {/* Keyed by the count so the pulse replays on every restart. */}
        <span key={pod.restarts} className={pod.restarts ? 'restarts bumped' : 'restarts'} data-testid={`${id}.restarts`} title="restarts">
          ↻ {pod.restarts}
        </span>
      </div>
      <div className="card-line address">
        <span className="ip" data-testid={`${id}.ip`}>{pod.ip ?? 'no IP'}</span>
        {pod.dnsName ? (
          <span className="dns" data-testid={`${id}.dns`} title={pod.dnsName}>
            {pod.dnsName}
          </span>
        ) : null}
      </div>
      {pod.message ? (
        <div className="card-message" data-testid={`${id}.message`}>
          {pod.message}
        </div>
      ) : null}
    </div>
  );
}

export const PodNode = memo(PodCard);
