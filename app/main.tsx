import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createSimulationClient } from './simulation/simulationClient';
import { createAppStore, installAppStore } from './store/appStore';
import { installTestApi } from './testApi';
import { installAutosave } from './workspace/autosave';
import { chooseScenario } from './workspace/chooseScenario';
import { DEFAULT_SCENARIO, SCENARIOS } from './workspace/scenarioCatalog';
import { browserStorage } from './workspace/workspaceStorage';
import './styles.css';

// The engine runs only in the web worker (DESIGN §4); inThreadWorker.ts is for Node tests.
const simulation = createSimulationClient();
const storage = browserStorage();
const store = createAppStore({ simulation, storage });
installAppStore(store);
installTestApi(store, simulation);
// `?scenario=<name>` opens another bundled scenario (app/README.md).
const choice = chooseScenario(window.location.search, SCENARIOS, DEFAULT_SCENARIO);
if (choice.notice) store.getState().showNotice(choice.notice);
installAutosave(store, storage);
void store.getState().loadScenario(choice.text, choice.name);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
