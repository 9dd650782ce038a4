import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// TypeScript sources: every one belongs to a project's tsconfig, which typescript-eslint's
// project service finds from the file (the nearest tsconfig.json and its references).
const TYPESCRIPT = ['**/*.ts', '**/*.mts', '**/*.cts'];

const TESTS = ['tests/**/*.ts', 'tests/**/*.mts'];
const SERVICES = ['submissions', 'expert-network', 'community-engagement', 'reporting'];

const LIBS = ['type:contracts', 'type:messaging', 'type:kit'];

// Layers, each depending only on those below it: contracts ← messaging ← kit ← services. No
// `allow` list for the workspace: the tags alone say who may import whom.
const LAYERS = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:kit', onlyDependOnLibsWithTags: ['type:messaging', 'type:contracts'] },
  // A service never imports another service.
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: LIBS },
  // Test projects (tests/*) may exercise any project, services included.
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
  // Tooling (deploy/local, bench, tools) runs on the built libraries.
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:tooling', ...LIBS] },
];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/coverage', '.nx', '.run'] },
  ...nx.configs['flat/base'],
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Rules that need type information: TypeScript files only (the JavaScript of configs and of
  // the dashboard's browser modules keeps the syntactic rules above).
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TYPESCRIPT })),
  {
    files: TYPESCRIPT,
    languageOptions: {
      parserOptions: {
        projectService: {
          // Scripts that Node runs as they are, outside every project's tsconfig.
          allowDefaultProject: ['tests/run-tests.mts', 'libs/service-kit/src/telemetry/testing/typescript-hooks.mts'],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@nx/enforce-module-boundaries': ['error', { depConstraints: LAYERS }],
    },
  },
  {
    // Nx forbids importing an application whatever the tags allow; tests start the services'
    // modules in-process, so in tests/ only, the services' own entry points may be imported.
    files: TESTS,
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: SERVICES.map((service) => `@naperj/${service}/**`), depConstraints: LAYERS }],
    },
  },
  {
    // Benchmarks start and stop the local engines with deploy/local's own scripts, which they
    // import by relative path (Node runs these .mts files as they are, with no package to import).
    files: ['bench/**/*.mts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // The dashboard's browser modules: TypeScript checks their names against the DOM and
    // jest libraries (services/reporting/web/tsconfig.json), which no-undef does not know.
    files: ['services/reporting/web/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
