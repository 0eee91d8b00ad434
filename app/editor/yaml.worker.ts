// Monaco's YAML language worker (monaco-yaml), behind a local file as its README's Vite FAQ advises.
import 'monaco-yaml/yaml.worker.js';
