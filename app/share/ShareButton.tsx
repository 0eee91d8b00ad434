import { useState } from 'react';
import { appStore } from '../store/appStore';
import { createShareHash } from './shareLink';
import { shareSource } from './shareSource';
import './dialog.css';
import './share.css';

/**
 * "Share": writes the scenario, the recorded steps and the selection into the address bar's
 * fragment (`#v1/…`) and shows the link with a Copy button. Everything shown is React text.
 */
export function ShareButton() {
  const [link, setLink] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');

  async function share() {
    const source = shareSource();
    if (!source) return;
    const state = appStore().getState();
    const wasPlaying = state.snapshot?.playing ?? false;
    // Pausing records the time played so far in the journal (`sim advance …`), so the link
    // reopens at this very moment; playing resumes right after.
    if (wasPlaying) await source.simulation.request({ type: 'pause' }).catch(() => undefined);
    const hash = createShareHash({ scenarioText: source.scenarioText, journal: source.simulation.journal(), files: state.files, selected: state.selected });
    if (wasPlaying) void source.simulation.request({ type: 'play' }).catch(() => undefined);
    if (typeof hash !== 'string') {
      setStatus(`This scenario cannot be shared: ${hash.error}.`);
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
      setStatus('Copied to the clipboard.');
    } catch {
      setStatus('The browser did not allow copying: select the link and press Ctrl+C.');
    }
  }

  return (
    <>
      <button data-testid="toolbar.share" onClick={() => void share()} title="Put this scenario and what you did in a link">
        Share
      </button>
      {link !== undefined ? (
        <div className="toolbar-dialog" role="dialog" aria-label="Share this scenario" data-testid="share.dialog">
          <p>This link replays the scenario and your steps to the state you see now.</p>
          {link ? (
            <div className="share-row">
              <input data-testid="share.link" readOnly value={link} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />
              <button data-testid="share.copy" onClick={() => void copy()}>
                Copy
              </button>
            </div>
          ) : null}
          <p className="toolbar-dialog-status" role="status" data-testid="share.status">
            {status}
          </p>
          <button data-testid="share.close" onClick={() => setLink(undefined)}>
            Close
          </button>
        </div>
      ) : null}
    </>
  );
}
