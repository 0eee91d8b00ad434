// @ts-check
// Lint is where the layer boundaries of DESIGN.md §2 and house-style §4.2 are enforced:
// src/ is a pure engine (no UI libraries, no Node or browser APIs, no wall clock, no randomness),
// and inside app/ each heavy library is owned by one folder.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const PURE = 'src/ is pure';

/** Libraries that belong to one folder of app/ each (house-style §4.2 item 3). */
const OWNED_LIBRARIES = [
  { folder: 'app/store', names: ['zustand'] },
  { folder: 'app/editor', names: ['monaco-editor', 'monaco-yaml'] },
  { folder: 'app/graph', names: ['@xyflow/react'] },
];

/**
 * no-restricted-imports options banning every owned library except those owned by `folder`.
 * @param {string | undefined} folder
 */
function ownedLibraryBans(folder) {
  return OWNED_LIBRARIES.filter((owner) => owner.folder !== folder).map((owner) => ({
    group: owner.names.flatMap((name) => [name, `${name}/**`]),
    message: `Only ${owner.folder}/** may import ${owner.names.join(' or ')}; go through that folder.`,
  }));
}

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

/** [name, message] pairs for no-restricted-globals inside src/. */
const SRC_BANNED_GLOBALS = [
  ['window', `${PURE}: there is no window. Take what you need as a parameter.`],
  ['document', `${PURE}: no DOM. Rendering belongs in app/.`],
  ['self', `${PURE}: the worker entry is app/simulation/simulation.worker.ts.`],
  ['globalThis', `${PURE}: do not reach for ambient globals; take them as parameters.`],
  ['localStorage', `${PURE}: persistence is an app/ adapter.`],
  ['sessionStorage', `${PURE}: persistence is an app/ adapter.`],
  ['indexedDB', `${PURE}: persistence is an app/ adapter.`],
  ['fetch', `${PURE}: no network. Ordinal makes no requests; the app passes text in.`],
  ['XMLHttpRequest', `${PURE}: no network. Ordinal makes no requests.`],
  ['WebSocket', `${PURE}: no network. Ordinal makes no requests.`],
  ['navigator', `${PURE}: no browser APIs. Take what you need as a parameter.`],
  ['location', `${PURE}: URL handling is app/ (pass location in); the codec takes strings.`],
  ['history', `${PURE}: URL handling is app/.`],
  ['setTimeout', `${PURE}: simulated time lives in state.now; schedule a timer on the engine queue.`],
  ['setInterval', `${PURE}: simulated time lives in state.now; schedule a timer on the engine queue.`],
  ['clearTimeout', `${PURE}: simulated time lives in state.now; cancel the timer on the engine queue.`],
  ['clearInterval', `${PURE}: simulated time lives in state.now; cancel the timer on the engine queue.`],
  ['setImmediate', `${PURE}: simulated time lives in state.now; schedule a timer on the engine queue.`],
  ['queueMicrotask', `${PURE}: keep the engine synchronous; schedule work on the engine queue.`],
  ['requestAnimationFrame', `${PURE}: frames are a UI concern; the app decides how much simulated time to advance per frame.`],
  ['cancelAnimationFrame', `${PURE}: frames are a UI concern.`],
  ['performance', `${PURE}: no wall clock. Simulated time is state.now; benchmarks time from app/cli.`],
  ['crypto', `${PURE}: randomness comes from the seeded PRNG in state.rng; ids are counters in state.`],
  ['process', `${PURE}: no Node APIs. app/cli reads arguments and files and passes values in.`],
  ['Buffer', `${PURE}: no Node APIs. Use strings or Uint8Array.`],
  ['require', `${PURE}: use ES module imports.`],
  ['global', `${PURE}: no Node globals.`],
  ['__dirname', `${PURE}: no file system. app/cli reads files and passes the text in.`],
  ['__filename', `${PURE}: no file system. app/cli reads files and passes the text in.`],
  ['Worker', `${PURE}: workers are created by app/simulation.`],
  ['postMessage', `${PURE}: messaging is the worker entry's job (app/simulation).`],
].map(([name, message]) => ({ name, message }));

export default defineConfig(
  {
    ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsc knows the globals of each project (JavaScript files opt in with // @ts-check).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },
  {
    // House-style §4.11: about 400 lines is the cap for source files; tests are exempt.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**'],
    rules: {
      'max-lines': ['warn', { max: 450, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx,mts,cts,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['react', 'react-dom'].map((name) => ({
              name,
              message: `${PURE}: no React. UI code belongs in app/.`,
            })),
            ...nodeBuiltins.map((name) => ({
              name,
              message: `${PURE}: no Node APIs. app/cli reads files and passes the text in.`,
            })),
          ],
          patterns: [
            { group: ['react/**', 'react-dom/**'], message: `${PURE}: no React. UI code belongs in app/.` },
            {
              group: ['@xyflow/**'],
              message: `${PURE}: no React Flow. Project state to the neutral graph model in src/graph; app/graph maps it to React Flow.`,
            },
            {
              group: ['monaco-editor', 'monaco-editor/**', 'monaco-yaml', 'monaco-yaml/**'],
              message: `${PURE}: no Monaco. Diagnostics are plain data here; app/editor turns them into markers.`,
            },
            { group: ['zustand', 'zustand/**'], message: `${PURE}: no store. State is plain data; app/store holds the UI store.` },
            { group: ['node:*'], message: `${PURE}: no Node APIs. app/cli reads files and passes the text in.` },
            { group: ['**/app', '**/app/**'], message: 'src/ never imports app/: the arrow points from app/ to src/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...SRC_BANNED_GLOBALS],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: `${PURE}: use the seeded PRNG in state.rng.` },
        { object: 'Date', property: 'now', message: `${PURE}: no wall clock. Simulated time is state.now.` },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: `${PURE}: new Date() reads the wall clock. Use state.now (new Date(ms) is fine).`,
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: `${PURE}: Date() reads the wall clock. Use state.now.`,
        },
      ],
    },
  },
  {
    // The React team's recommended hooks rules (including the React Compiler checks).
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/cli/**'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: ownedLibraryBans(undefined) }],
    },
  },
  ...OWNED_LIBRARIES.map(
    ({ folder }) =>
      /** @type {import('eslint').Linter.Config} */ ({
        files: [`${folder}/**/*.{ts,tsx}`],
        rules: { 'no-restricted-imports': ['error', { patterns: ownedLibraryBans(folder) }] },
      }),
  ),
  {
    files: ['app/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react/**', 'react-dom', 'react-dom/**', 'zustand', 'zustand/**', 'monaco-editor', 'monaco-editor/**', 'monaco-yaml', 'monaco-yaml/**', '@xyflow/**'],
              message: 'app/cli is the Node host of the headless runner: it prints what src/ returns and needs no UI library.',
            },
          ],
        },
      ],
    },
  },
);
