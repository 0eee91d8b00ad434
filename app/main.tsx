import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import webScenario from '../scenarios/web.yaml?raw';
import { App } from './App';
import { createSimulationClient } from './simulation/simulationClient';
import { createAppStore, installAppStore } from './store/appStore';
import { installTestApi } from './testApi';
import './styles.css';

// The engine runs only in the web worker (DESIGN §4); inThreadWorker.ts is for Node tests.
const simulation = createSimulationClient();
const store = createAppStore({ simulation });
installAppStore(store);
installTestApi(store, simulation);
void store.getState().loadScenario(webScenario);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
