// The top bar's Share button and its dialog: the link, Copy, and a QR code for a classroom screen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appStore } from '../store/appStore';
import { QrCodeView } from './QrCodeView';
import { createShareHash } from './shareLink';
import { shareSource } from './shareSource';
import './dialog.css';
import './share.css';

/**
 * "Share": writes the scenario, the recorded steps, the selection, the timeline moment and the
 * lesson's progress into the address bar's fragment (`#v1/…`) and shows the link with a Copy
 * button and a QR code. Everything shown is React text.
 */
export function ShareButton() {
  const { t } = useTranslation('share');
  const [link, setLink] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [showQr, setShowQr] = useState(false);

  async function share() {
    const source = shareSource();
    if (!source) return;
    const state = appStore().getState();
    const wasPlaying = state.snapshot?.playing ?? false;
    // Pausing records the time played so far in the journal (`sim advance …`), so the link
    // reopens at this very moment; playing resumes right after.
    if (wasPlaying) await source.simulation.request({ type: 'pause' }).catch(() => undefined);
    const hash = createShareHash({
      scenarioText: source.scenarioText,
      journal: source.simulation.journal(),
      files: state.files,
      selected: state.selected,
      moment: state.timelineMoment,
      lesson: state.lessonProgress,
    });
    if (wasPlaying) void source.simulation.request({ type: 'play' }).catch(() => undefined);
    if (typeof hash !== 'string') {
      setStatus(t('cannotShare', { reason: hash.error }));
      setLink('');
      return;
    }
    const url = new URL(window.location.href);
    url.hash = hash;
    // replaceState does not fire hashchange, so the page does not reload itself.
    window.history.replaceState(null, '', url.href);
    setStatus('');
    setLink(url.href);
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setStatus(t('copied'));
    } catch {
      setStatus(t('copyRefused'));
    }
  }

  function close() {
    setLink(undefined);
    setShowQr(false);
  }

  return (
    <>
      <button data-testid="toolbar.share" onClick={() => void share()} title={t('button.title')}>
        {t('button.label')}
      </button>
      {link !== undefined ? (
        <div className={showQr ? 'toolbar-dialog share-dialog with-qr' : 'toolbar-dialog share-dialog'} role="dialog" aria-label={t('dialog.label')} data-testid="share.dialog">
          <p>{t('dialog.explain')}</p>
          {link ? (
            <div className="share-row">
              <input data-testid="share.link" readOnly value={link} aria-label={t('dialog.linkLabel')} onFocus={(e) => e.currentTarget.select()} />
              <button data-testid="share.copy" onClick={() => void copy()}>
                {t('dialog.copy')}
              </button>
              <button data-testid="share.qr.toggle" aria-pressed={showQr} onClick={() => setShowQr(!showQr)}>
                {showQr ? t('dialog.hideQr') : t('dialog.showQr')}
              </button>
            </div>
          ) : null}
          {link && showQr ? <QrCodeView link={link} /> : null}
          <p className="toolbar-dialog-status" role="status" data-testid="share.status">
            {status}
          </p>
          <button data-testid="share.close" onClick={close}>
            {t('dialog.close')}
          </button>
        </div>
      ) : null}
    </>
  );
}
