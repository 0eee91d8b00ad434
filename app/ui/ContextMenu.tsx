import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useAppStore } from '../store/appStore';
import { menuItems } from './menuItems';

/** The right-click (or Menu key) menu of a graph object; every item runs its command line. */
export function ContextMenu() {
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
    event.preventDefault();
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };
  return (
    <div className="context-menu" role="menu" ref={list} style={{ left: menu.x, top: menu.y }} onKeyDown={onKeyDown} data-testid="menu">
      <div className="menu-title">
        {menu.ref.kind} {menu.ref.name}
      </div>
      {items.length === 0 ? <div className="menu-empty">No actions</div> : null}
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
          <span>{item.label}</span>
          <code>{item.line}</code>
        </button>
      ))}
    </div>
  );
}
