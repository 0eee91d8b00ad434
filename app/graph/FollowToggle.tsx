// The switch for the camera's following (useCamera.ts): on, the graph glides to what just happened;
// off, the view stays where the reader left it (selections and lesson steps still bring their card).
import { Panel } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/appStore';

/** The Follow switch, in the pane's bottom-left corner; its state is `followStory` in the store. */
export function FollowToggle() {
  const { t } = useTranslation('classroom');
  const follow = useAppStore((s) => s.followStory);
  const setFollow = useAppStore((s) => s.setFollowStory);
  return (
    <Panel position="bottom-left">
      <button className="follow-toggle" aria-pressed={follow} title={t('graph.follow.title')} data-testid="graph.follow" onClick={() => setFollow(!follow)}>
        <span className="follow-mark" aria-hidden="true">
          {follow ? '◉' : '○'}
        </span>
        {t('graph.follow.label')}
      </button>
    </Panel>
  );
}
