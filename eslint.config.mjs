import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/coverage', '.nx'] },
  ...nx.configs['flat/base'],
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // A service's root module, which integration tests start in-process; the tags
          // below keep every other project from importing a service.
          allow: ['@naperj/submissions/app.module', '@naperj/reporting/**'],
          depConstraints: [
            {
              sourceTag: 'scope:service',
              onlyDependOnLibsWithTags: ['scope:lib', 'scope:contracts'],
            },
            {
              sourceTag: 'scope:lib',
              onlyDependOnLibsWithTags: ['scope:lib', 'scope:contracts'],
            },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'type:app', notDependOnLibsWithTags: ['type:app'] },
            // Test projects (tests/*) may exercise any project.
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
            // Tooling (deploy/local, bench) runs on the built libraries.
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['scope:lib', 'scope:contracts'] },
          ],
        },
      ],
    },
  },
  {
    // Benchmarks start and stop the local engines with deploy/local's own scripts.
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
