import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectRef } from '../../src/protocol/messages';
import { useAppStore } from '../store/appStore';
import { MAX_SCALE, menuItems, scaleToLine } from './menuItems';
import './contextMenu.css';

/** "Scale to N…": a small number field inside the menu (not window.prompt). */
function ScaleTo({ target, replicas, onDone }: { target: ObjectRef; replicas: number | undefined; onDone: (line: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(String(replicas ?? 1));
  const line = scaleToLine(target, value);
  if (!open)
    return (
      <button role="menuitem" data-testid="menu.scale-to" onClick={() => setOpen(true)}>
        <span>{t('menu.scaleTo')}</span>
        <code translate="no">kubectl scale sts {target.name} --replicas=N</code>
      </button>
    );
  return (
    <form
      className="scale-to"
      onSubmit={(event) => {
        event.preventDefault();
        if (line) onDone(line);
      }}
    >
      <label>
        {t('menu.replicas')}{' '}
        <input
          type="number"
          min={0}
          max={MAX_SCALE}
          step={1}
          value={value}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={line === undefined}
          data-testid="menu.scale-to.input"
        />
      </label>
      <button type="submit" disabled={line === undefined} data-testid="menu.scale-to.submit">
        {t('menu.scale')}
      </button>
      {line ? <code translate="no">{line}</code> : <span className="scale-to-hint">{t('menu.wholeNumber', { max: MAX_SCALE })}</span>}
    </form>
  );
}

/** The right-click (or Menu key) menu of a graph object; every item runs its command line. */
export function ContextMenu() {
  const { t } = useTranslation();
  const menu = useAppStore((s) => s.menu);
  const closeMenu = useAppStore((s) => s.closeMenu);
  const run = useAppStore((s) => s.run);
  const owners = useAppStore((s) => s.snapshot?.graph.nodes);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    list.current?.querySelector('button')?.focus();
  }, [menu]);

  if (!menu) return null;
  const owner = owners?.find((n) => n.type === 'owner' && n.data.kind === menu.ref.kind && n.data.name === menu.ref.name);
  const replicas = owner?.type === 'owner' ? Number(owner.data.ready.split('/')[1]) : undefined;
  const items = menuItems(menu.ref, replicas);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') closeMenu();
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (event.target instanceof HTMLInputElement) return; // the number field uses the arrows
    event.preventDefault();
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };
  return (
    <div
      className="context-menu"
      role="menu"
      aria-label={t('menu.label', { kind: menu.ref.kind, name: menu.ref.name })}
      ref={list}
      style={{ left: menu.x, top: menu.y }}
      onKeyDown={onKeyDown}
      data-testid="menu"
    >
      <div className="menu-title" translate="no">
        {menu.ref.kind} {menu.ref.name}
      </div>
      {items.length === 0 ? <div className="menu-empty">{t('menu.none')}</div> : null}
      {menu.ref.kind === 'StatefulSet' ? (
        <ScaleTo
          key={`${menu.ref.namespace ?? ''}/${menu.ref.name}`}
          target={menu.ref}
          replicas={replicas}
          onDone={(line) => {
            closeMenu();
            void run(line);
          }}
        />
      ) : null}
      {items.map((item) => (
        <button
          key={item.id}
          role="menuitem"
          data-testid={`menu.${item.id}`}
          onClick={() => {
            closeMenu();
            void run(item.line);
          }}
        >
          <span>{t(item.label, item.labelValues ?? {})}</span>
          <code translate="no">{item.line}</code>
        </button>
      ))}
    </div>
  );
}
