import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeProps } from '@xyflow/react';
import type { CardNode } from '../toFlowElements';
import { Badge, Ports } from './cardParts';

/**
 * A pod, compact for a projector: name, STATUS, READY, restarts and (StatefulSet pods) the
 * revision on the first line; IP and the stable DNS name on the second; then, when the graph has
 * any, a line of facts: database role and rows, stuck on an unreachable node, eviction refused by
 * a PodDisruptionBudget; while unscheduled, the scheduler's whole message (wrapped).
 */
function PodCard({ data }: NodeProps<CardNode>) {
  const { t } = useTranslation('classroom');
  if (data.type !== 'pod') return null;
  const pod = data.data;
  const id = `graph.${data.id}`;
  return (
    <div className={`card pod tone-${pod.tone}${pod.nodeNotReady ? ' on-not-ready' : ''}`} data-testid={id} data-status={pod.status} data-node={pod.node ?? ''}>
      <Ports />
      <div className="card-title">
        <span className="name" data-testid={`${id}.name`}>{pod.name}</span>
        <Badge tone={pod.tone} text={pod.status} testId={`${id}.status`} />
        <span className="ready" data-testid={`${id}.ready`} title={t('graph.pod.readyTitle')}>
          {pod.ready}
        </span>
        {/* Keyed by the count so the pulse replays on every restart. */}
        <span key={pod.restarts} className={pod.restarts ? 'restarts bumped' : 'restarts'} data-testid={`${id}.restarts`} title={t('graph.pod.restartsTitle')}>
          ↻ {pod.restarts}
        </span>
        {pod.revision ? (
          <span
            className={pod.revision.current ? 'revision' : 'revision old'}
            data-testid={`${id}.revision`}
            data-current={pod.revision.current ? 'true' : 'false'}
            title={pod.revision.current ? t('graph.pod.revisionCurrent') : t('graph.pod.revisionOld')}
          >
            {pod.revision.hash}
          </span>
        ) : null}
      </div>
      <div className="card-line address">
        <span className="ip" data-testid={`${id}.ip`}>{pod.ip ?? t('graph.pod.noIp')}</span>
        {pod.dnsName ? (
          <span className="dns" data-testid={`${id}.dns`} title={pod.dnsName}>
            {pod.dnsName}
          </span>
        ) : null}
      </div>
      {pod.stuck || pod.evictionBlocked || pod.database ? (
        <div className="card-line facts" data-testid={`${id}.facts`}>
          {pod.database && pod.database.role !== 'standalone' ? <Badge tone={pod.database.role === 'primary' ? 'ok' : 'neutral'} text={pod.database.role} testId={`${id}.role`} /> : null}
          {pod.database ? (
            <span className="rows" data-testid={`${id}.rows`}>
              {t('graph.pod.rows', { count: pod.database.rows })}
            </span>
          ) : null}
          {pod.stuck ? (
            <span className="note warning" data-testid={`${id}.stuck`}>
              {pod.stuck}
            </span>
          ) : null}
          {pod.evictionBlocked ? (
            <span className="note warning" data-testid={`${id}.eviction`} title={t('graph.pod.evictionRefused', { reason: pod.evictionBlocked })}>
              {t('graph.pod.evictionRefused', { reason: pod.evictionBlocked })}
            </span>
          ) : null}
        </div>
      ) : null}
      {pod.message ? (
        <div className="card-message" data-testid={`${id}.message`}>
          {pod.message}
        </div>
      ) : null}
    </div>
  );
}

export const PodNode = memo(PodCard);
