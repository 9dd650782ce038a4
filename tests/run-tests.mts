/**
 * `npm test [-- jest options]`: the unit and integration suites, then the end-to-end suite
 * of tests/e2e, which runs the whole federation and so must not share the engines with the
 * integration suites at the same time. `--selectProjects` picks which phases run; other
 * options go to both, and `--outputFile=F` writes the end-to-end results to `F.e2e.json`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const JEST = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const E2E_PROJECT = 'e2e';

const args = process.argv.slice(2);
const selected = selectedProjects(args);
const runMain = !selected || selected.some((name) => name !== E2E_PROJECT);
const runE2e = !selected || selected.includes(E2E_PROJECT);

let status = 0;
if (runMain) status = jest(withoutProject(args, E2E_PROJECT));
// Jest loads a global setup with Node's own resolver, which knows only the export conditions
// it is given, and the e2e setup imports the kit's testing entry, which exists in sources only.
if (runE2e && status === 0) status = jest(['-c', join(ROOT, 'tests', 'e2e', 'jest.config.js'), ...e2eArgs(args)], '--conditions=development');
process.exit(status);

function jest(jestArgs: string[], nodeOptions = ''): number {
  const env = {
    ...process.env,
    NODE_OPTIONS: `--experimental-vm-modules --disable-warning=ExperimentalWarning --disable-warning=TimeoutNegativeWarning ${nodeOptions}`.trim(),
  };
  return spawnSync(process.execPath, [JEST, ...jestArgs], { cwd: ROOT, env, stdio: 'inherit' }).status ?? 1;
}

/** The project names after `--selectProjects`, or undefined when every project runs. */
function selectedProjects(all: string[]): string[] | undefined {
  const at = all.indexOf('--selectProjects');
  if (at === -1) return undefined;
  const names: string[] = [];
  for (const arg of all.slice(at + 1)) {
    if (arg.startsWith('-')) break;
    names.push(arg);
  }
  return names;
}

function withoutProject(all: string[], project: string): string[] {
  return all.filter((arg, i) => !(arg === project && all.slice(0, i).includes('--selectProjects')));
}

/** The e2e config has one project: selection is moot, and results go to their own file. */
function e2eArgs(all: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < all.length; i += 1) {
    const arg = all[i]!;
    if (arg === '--selectProjects') {
      while (i + 1 < all.length && !all[i + 1]!.startsWith('-')) i += 1;
    } else if (arg.startsWith('--outputFile=')) {
      out.push(`${arg.replace(/\.json$/, '')}.e2e.json`);
    } else {
      out.push(arg);
    }
  }
  return out;
}
