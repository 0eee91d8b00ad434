import webScenario from '../scenarios/web.yaml?raw';
import { useScenarioTranscript } from './simulation/useScenarioTranscript';

/** Layout only: the header, the engine status and the transcript of the default scenario. */
export function App() {
  const run = useScenarioTranscript(webScenario);
  const status = run.state === 'error' ? `error: ${run.message}` : run.state === 'ready' ? 'ready' : 'starting…';
  return (
    <main>
      <h1>Ordinal</h1>
      <p className="engine-status" data-testid="engine-status">
        {status}
      </p>
      <pre className="transcript" data-testid="transcript">
        {run.state === 'ready' ? run.transcript : ''}
      </pre>
    </main>
  );
}
