// The terminal (xterm.js): local line editing with history and tab completion; each line goes to
// the worker as a command; output arrives in snapshots and is written above the prompt.
import { useEffect, useRef } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { i18next } from '../i18n/i18n';
import { appStore } from '../store/appStore';
import { complete } from './completion';

const HISTORY_LIMIT = 200;
/** The widest table the course prints (`kubectl get pvc -o wide`, two-digit ordinals) fits without wrapping. */
const WIDE_COLUMNS = 150;
/** Type sizes tried, largest first: as large as the pane allows while WIDE_COLUMNS still fit. */
const MAX_FONT_PX = 16;
const MIN_FONT_PX = 11;

/**
 * Picks the largest font size (half-pixel steps) at which the terminal is WIDE_COLUMNS wide, then
 * fits the rows and columns to the pane: at 1280 px `kubectl get pvc -o wide` does not wrap, and a
 * wider screen gets larger type.
 */
function fitTerminal(term: Terminal, fit: FitAddon): void {
  for (let size = MAX_FONT_PX; size >= MIN_FONT_PX; size -= 0.5) {
    if (term.options.fontSize !== size) term.options.fontSize = size;
    const proposed = fit.proposeDimensions();
    // Hidden (another dock tab in front): nothing to measure; keep the size until it shows.
    if (!proposed || !Number.isFinite(proposed.cols)) return;
    if (proposed.cols >= WIDE_COLUMNS) break;
  }
  fit.fit();
}

/** xterm's own strings (the input's label for screen readers) in the page's language. */
function localizeTerminal(term?: Terminal): void {
  Terminal.strings.promptLabel = i18next.t('terminal.input');
  Terminal.strings.tooMuchOutput = i18next.t('terminal.tooMuchOutput');
  term?.textarea?.setAttribute('aria-label', Terminal.strings.promptLabel);
}

export function TerminalPane() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const store = appStore();
    localizeTerminal();
    const term = new Terminal({
      fontSize: MAX_FONT_PX,
      lineHeight: 1.15,
      fontFamily: "'DejaVu Sans Mono', ui-monospace, Menlo, Consolas, monospace",
      theme: { background: '#101418', foreground: '#f2f2f2', cursor: '#ffd166' },
      cursorBlink: true,
      scrollback: 5000,
      convertEol: true,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current);
    localizeTerminal(term);
    const onLanguage = () => localizeTerminal(term);
    i18next.on('languageChanged', onLanguage);
    fitTerminal(term, fit);
    const observer = new ResizeObserver(() => fitTerminal(term, fit));
    observer.observe(host.current);

    let line = '';
    const history: string[] = [];
    let historyAt = 0;
    let busy = false;
    const prompt = () => store.getState().snapshot?.prompt ?? '$ ';
    const redraw = () => term.write(`\r\x1b[K${prompt()}${line}`);
    const flush = () => {
      const text = store.getState().takeTerminalOutput();
      if (!text) return;
      // Output goes above the line being typed, which is then drawn again.
      term.write(`\r\x1b[K${text}`);
      if (!busy) redraw();
    };
    flush();
    if (!store.getState().snapshot) redraw();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.terminalQueue !== previous.terminalQueue && state.terminalQueue.length) flush();
    });

    const submit = async () => {
      const command = line;
      line = '';
      term.write('\r\n');
      if (command.trim()) {
        if (history[history.length - 1] !== command) history.push(command);
        if (history.length > HISTORY_LIMIT) history.shift();
      }
      historyAt = history.length;
      busy = true;
      try {
        if (command.trim()) {
          if (command.trim() === 'clear') term.clear();
          else await store.getState().run(command, false);
        }
      } finally {
        busy = false;
        flush();
        redraw();
      }
    };

    const data = term.onData((input) => {
      if (busy) return;
      if (input === '\r') void submit();
      else if (input === '\x7f') {
        if (line) {
          line = line.slice(0, -1);
          term.write('\b \b');
        }
      } else if (input === '\x03') {
        term.write('^C\r\n');
        if (!line) store.getState().interrupt();
        line = '';
        redraw();
      } else if (input === '\x0c') {
        term.clear();
        redraw();
      } else if (input === '\t') {
        const state = store.getState();
        const result = complete(line, state.snapshot?.names ?? {}, Object.keys(state.files));
        if (result.choices.length > 1) term.write(`\r\n${result.choices.join('  ')}\r\n`);
        line = result.line;
        redraw();
      } else if (input === '\x1b[A' || input === '\x1b[B') {
        historyAt = Math.max(0, Math.min(history.length, historyAt + (input === '\x1b[A' ? -1 : 1)));
        line = history[historyAt] ?? '';
        redraw();
      } else if (!input.startsWith('\x1b')) {
        // Typed or pasted text; a pasted newline ends the line.
        const printable = input.replace(/[\r\n].*$/s, '').split('').filter((c) => c >= ' ').join('');
        line += printable;
        term.write(printable);
        if (/[\r\n]/.test(input)) void submit();
      }
    });

    return () => {
      i18next.off('languageChanged', onLanguage);
      data.dispose();
      unsubscribe();
      observer.disconnect();
      term.dispose();
    };
  }, []);

  // kubectl output stays as kubectl prints it.
  return <div className="terminal" ref={host} data-testid="terminal" lang="en" translate="no" />;
}
