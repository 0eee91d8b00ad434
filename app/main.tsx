import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { JournalEntry, ObjectRef } from '../src/protocol/messages';
import { parseScenario } from '../src/scenarios/parseScenario';
import { isScenarioUrl } from '../src/scenarios/scenarioUrl';
import { App } from './App';
import { initI18n } from './i18n/i18n';
import { createSimulationClient } from './simulation/simulationClient';
import { createAppStore, installAppStore } from './store/appStore';
import { installTestApi } from './testApi';
import { LESSONS } from './lessons/lessonCatalog';
import { openLesson } from './lessons/openLesson';
import { installAutosave } from './workspace/autosave';
import { openScenario } from './share/shareLink';
import { installShareSource } from './share/shareSource';
import { DEFAULT_SCENARIO, SCENARIOS } from './workspace/scenarioCatalog';
import { browserStorage } from './workspace/workspaceStorage';
import './styles.css';

initI18n();
// The engine runs only in the web worker (DESIGN §4); inThreadWorker.ts is for Node tests.
const simulation = createSimulationClient();
const storage = browserStorage();
const store = createAppStore({ simulation, storage });
installAppStore(store);
installTestApi(store, simulation);
// A share link (`#v1/…`) wins; otherwise `?scenario=<name>` opens a bundled scenario (app/README.md).
const choice = openScenario(window.location, SCENARIOS, DEFAULT_SCENARIO);
if (choice.notice) store.getState().showNotice(choice.notice);
// A share link's lesson resumes at its step; `?lesson=<id>` opens the lesson's own scenario.
const lesson = openLesson(window.location.search, choice.lesson, LESSONS);
if (lesson.notice) store.getState().showNotice(lesson.notice);
if (lesson.progress) store.getState().setLessonProgress(lesson.progress);
const scenarioText = lesson.scenarioText ?? choice.text;
// The scenario the worker replays: the one loaded, or its shortened script after a timeline branch.
installShareSource({
  get scenarioText() {
    return simulation.scenarioText() ?? scenarioText;
  },
  simulation,
});
installAutosave(store, storage);
if (choice.replay) void openSharedScenario(choice.text, choice.replay, choice.selected, choice.moment);
else if (lesson.scenarioText !== undefined) void store.getState().loadScenario(lesson.scenarioText);
else void store.getState().loadScenario(choice.text, choice.name);
// Pasting another share link into the address bar changes only the fragment: open it.
window.addEventListener('hashchange', () => {
  if (isScenarioUrl(window.location.hash)) window.location.reload();
});

/** Replays a share link, then shows its moment on the timeline. Its files are not autosaved: the link itself holds them. */
async function openSharedScenario(text: string, replay: JournalEntry[], selected: ObjectRef | undefined, moment: number | undefined) {
  const snapshot = await simulation.request({ type: 'load', scenarioText: text, replay, origin: 'link' }).catch(() => undefined);
  const files = snapshot?.files;
  if (!files) return;
  store.setState({ scenarioFiles: parseScenario(text).scenario?.files ?? {} });
  const first = Object.keys(files)[0];
  if (first !== undefined) store.getState().setActiveFile(first);
  if (selected) store.getState().select(selected);
  if (moment !== undefined) store.getState().scrubTo(moment);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
