import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeProps } from '@xyflow/react';
import type { CardNode } from '../toFlowElements';
import { Badge, Ports } from './cardParts';

function ClaimCard({ data }: NodeProps<CardNode>) {
  if (data.type !== 'claim') return null;
  const claim = data.data;
  return (
    <div className={`card claim tone-${claim.tone}`} data-testid={`graph.${data.id}`} data-volume={claim.volume ?? ''}>
      <Ports />
      <div className="card-title">
        <span className="kind">PVC</span>
        <span className="name">{claim.name}</span>
        <Badge tone={claim.tone} text={claim.phase} />
      </div>
    </div>
  );
}

function VolumeCard({ data }: NodeProps<CardNode>) {
  const { t } = useTranslation('classroom');
  if (data.type !== 'volume') return null;
  const volume = data.data;
  const where = volume.node ? t('graph.volume.onNode', { node: volume.node }) : volume.attachedTo.length ? t('graph.volume.attachedTo', { nodes: volume.attachedTo.join(', ') }) : t('graph.volume.detached');
  return (
    <div className={`card volume tone-${volume.tone}`} data-testid={`graph.${data.id}`}>
      <Ports />
      <div className="card-title">
        <span className="kind">PV</span>
        <span className="name small">{volume.name}</span>
      </div>
      <div className="card-line small">
        {volume.capacity ?? ''} · {where}
      </div>
    </div>
  );
}

export const ClaimNode = memo(ClaimCard);
export const VolumeNode = memo(VolumeCard);
