import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CardNode } from '../toFlowElements';
import { Badge, Ports } from './cardParts';

function PodCard({ data }: NodeProps<CardNode>) {
  if (data.type !== 'pod') return null;
  const pod = data.data;
  const id = `graph.${data.id}`;
  return (
    <div className={`card pod tone-${pod.tone}`} data-testid={id} data-status={pod.status} data-node={pod.node ?? ''} title={pod.message}>
      <Ports />
      <div className="card-title">
        <span className="name" data-testid={`${id}.name`}>{pod.name}</span>
        <Badge tone={pod.tone} text={pod.status} testId={`${id}.status`} />
      </div>
      <div className="card-line">
        <span data-testid={`${id}.ready`}>ready {pod.ready}</span>
        {/* Keyed by the count so the pulse replays on every restart. */}
        <span key={pod.restarts} className={pod.restarts ? 'restarts bumped' : 'restarts'} data-testid={`${id}.restarts`}>
          ↻ {pod.restarts}
        </span>
        <span className="ip" data-testid={`${id}.ip`}>{pod.ip ?? 'no IP'}</span>
      </div>
      {pod.dnsName ? (
        <div className="card-line dns" data-testid={`${id}.dns`} title={pod.dnsName}>{pod.dnsName}</div>
      ) : pod.message ? (
        <div className="card-line message" data-testid={`${id}.message`}>{pod.message}</div>
      ) : null}
    </div>
  );
}

export const PodNode = memo(PodCard);
