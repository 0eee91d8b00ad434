import type { StateCreator } from 'zustand';
import type { Snapshot } from '../../../src/protocol/messages';
import { i18next, translate } from '../../i18n/i18n';
import type { AppState, StoreDeps } from '../appStore';

/** The latest snapshot from the worker, the play controls, and the worker's health. */
export interface SimulationSlice {
  snapshot: Snapshot | undefined;
  /** Terminal output not yet written to xterm (the terminal drains it). */
  terminalQueue: string[];
  /** A crash notice while the worker is being restarted (or after it was). */
  crash: string | undefined;
  /** Loads a scenario; with a `key`, then restores the files autosaved for it. */
  loadScenario(text: string, key?: string): Promise<void>;
  /** Runs a command line; `echo` prints it in the terminal first (actions from menus and buttons). */
  run(line: string, echo?: boolean): Promise<Snapshot['result']>;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  step(): void;
  untilStable(): void;
  interrupt(): void;
  takeTerminalOutput(): string;
}

export function createSimulationSlice({ simulation }: StoreDeps): StateCreator<AppState, [], [], SimulationSlice> {
  return (set, get) => {
    // Failures reject the request; the crash notice (from the client's events) tells the user.
    const send = (body: Parameters<typeof simulation.request>[0]) => simulation.request(body).catch(() => undefined);
    // The crash notice in the page's language, written again when the language changes.
    let crashText: (() => string) | undefined;
    const showCrash = (text: () => string) => {
      crashText = text;
      set({ crash: text() });
    };
    i18next.on('languageChanged', () => {
      if (crashText && get().crash !== undefined) set({ crash: crashText() });
    });
    // Between a crash and the end of the replay, the replayed files are the journal's: the editor's
    // text (edits not applied yet included) wins, and is sent again to the new worker.
    let restoring = false;
    simulation.subscribe((event) => {
      if (event.type === 'crashed') {
        restoring = true;
        showCrash(() => i18next.t('crash.crashed', { reason: translate(event.reason) }));
      } else if (event.type === 'restarted') {
        restoring = false;
        showCrash(() => i18next.t('crash.restarted', { count: event.replayed }));
      } else {
        const { snapshot } = event;
        const patch: Partial<AppState> = { snapshot };
        if (snapshot.terminal) patch.terminalQueue = [...get().terminalQueue, snapshot.terminal];
        if (snapshot.files && restoring) resendEdits(snapshot.files);
        else if (snapshot.files) patch.files = snapshot.files;
        set(patch);
      }
    });
    const resendEdits = (replayed: Record<string, string>) => {
      const editor = get().files;
      for (const file of Object.keys(editor).sort()) {
        const text = editor[file] ?? '';
        if (replayed[file] !== text) void send({ type: 'editFile', file, text });
      }
      for (const file of Object.keys(replayed).sort()) if (editor[file] === undefined) void send({ type: 'editFile', file, text: '' });
    };
    return {
      snapshot: undefined,
      terminalQueue: [],
      crash: undefined,
      async loadScenario(text, key) {
        const snapshot = await send({ type: 'load', scenarioText: text });
        if (!snapshot?.files) return;
        set({ activeFile: Object.keys(snapshot.files)[0] });
        if (key !== undefined) get().restoreWorkspace(key, snapshot.files);
      },
      async run(line, echo = true) {
        // A line from a menu or a button: bring the terminal to the front to show what it did.
        if (echo) set({ dockTab: 'terminal' });
        const snapshot = await send({ type: 'command', line, echo });
        return snapshot?.result;
      },
      play: () => void send({ type: 'play' }),
      pause: () => void send({ type: 'pause' }),
      setSpeed: (speed) => void send({ type: 'speed', speed }),
      step: () => void send({ type: 'step' }),
      untilStable: () => void send({ type: 'untilStable' }),
      interrupt: () => void send({ type: 'interrupt' }),
      takeTerminalOutput() {
        const text = get().terminalQueue.join('');
        if (text) set({ terminalQueue: [] });
        return text;
      },
    };
  };
}
