// The question asked before "Reset" or "Start empty" throws away edits that were never applied.
// Only shown when there are such edits (workspaceSlice.pendingChange).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/appStore';
import './workspace.css';

/** A small modal: which files would lose their edits, and Reset / Start empty or Cancel. */
export function ConfirmWorkspaceChange() {
  const { t } = useTranslation();
  const pending = useAppStore((s) => s.pendingChange);
  const confirm = useAppStore((s) => s.confirmChange);
  const cancel = useAppStore((s) => s.cancelChange);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending) cancelButton.current?.focus();
  }, [pending]);
  if (!pending) return null;
  const reset = pending.action === 'reset';
  return (
    <div className="confirm-backdrop" onClick={cancel}>
      <div
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-workspace-title"
        aria-describedby="confirm-workspace-body"
        data-testid="workspace.confirm"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancel();
        }}
      >
        <h2 id="confirm-workspace-title">{reset ? t('workspace.confirmResetTitle') : t('workspace.confirmStartEmptyTitle')}</h2>
        <p id="confirm-workspace-body">{t('workspace.confirmLoss', { files: pending.files.join(', ') })}</p>
        <div className="confirm-buttons">
          <button ref={cancelButton} onClick={cancel} data-testid="workspace.confirm.cancel">
            {t('workspace.cancel')}
          </button>
          <button className="danger" onClick={confirm} data-testid="workspace.confirm.ok">
            {reset ? t('workspace.confirmReset') : t('workspace.confirmStartEmpty')}
          </button>
        </div>
      </div>
    </div>
  );
}
