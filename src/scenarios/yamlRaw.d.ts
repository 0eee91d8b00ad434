// Scenario files are imported as text in tests (Vite's `?raw`).
declare module '*.yaml?raw' {
  const text: string;
  export default text;
}
