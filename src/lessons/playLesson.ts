/**
 * The headless lesson player: builds the lesson's scenario, then for each step records whether
 * its check already held, runs the step's command lines as a learner pressing "Do it for me"
 * would, and lets simulated time pass until the check holds or the step's timeout is reached.
 * The lesson test plays every lesson with it; a check that held before its commands ran is a
 * defect of the lesson (it would advance without the learner doing anything).
 */
import type { ClusterState } from '../engine/clusterState';
import { runUntil } from '../engine/simulation';
import { Session } from '../kubectl/session';
import type { Scenario } from '../scenarios/scenario';
import { createScenarioState, runScenario } from '../scenarios/runScenario';
import { allChecksHold, captureBaseline, evaluateChecks } from './evaluateChecks';
import type { Lesson } from './lesson';

/** What happened in one step. */
export interface PlayedStep {
  /** 0-based. */
  index: number;
  /** Each check's value before the step's commands ran. */
  before: boolean[];
  /** Each check's value at the end of the step. */
  after: boolean[];
  /** Every check held, within the step's timeout. */
  passed: boolean;
  /** Simulated ms when the step began and when it ended. */
  startedAt: number;
  endedAt: number;
  /** The commands' outputs, with their exit codes. */
  outputs: { command: string; output: string; exitCode: number }[];
}

export interface PlayedLesson {
  steps: PlayedStep[];
  state: ClusterState;
  session: Session;
}

/**
 * Plays `lesson` in `scenario` (from `lessonScenario`). Stops after the first step whose check
 * does not hold: the later steps would start from a state the lesson does not expect.
 */
export function playLesson(lesson: Lesson, scenario: Scenario): PlayedLesson {
  const setup = scenario.script.length ? runScenario(scenario) : undefined;
  const state = setup?.state ?? createScenarioState(scenario);
  const session = setup?.session ?? new Session(state, { ...scenario.files });
  const steps: PlayedStep[] = [];
  for (const [index, step] of lesson.steps.entries()) {
    const baseline = captureBaseline(state);
    const startedAt = state.now;
    const before = evaluateChecks(step.check, state, baseline);
    const outputs = step.commands.map((command) => ({ command, ...session.run(command) }));
    const passed = runUntil(state, () => allChecksHold(step.check, state, baseline), step.timeoutMs);
    steps.push({ index, before, after: evaluateChecks(step.check, state, baseline), passed, startedAt, endedAt: state.now, outputs });
    if (!passed) break;
  }
  return { steps, state, session };
}
