/**
 * The tools the deployment tests run, fetched from the registries this project uses and
 * cached outside the clone: kustomize built from its Go module, the Compose specification's
 * and the MongoDB community operator's schemas from theirs, Debian's promtool.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYamlDocuments } from './yaml';

const KUSTOMIZE = { module: 'sigs.k8s.io/kustomize/kustomize/v5', version: 'v5.8.1' } as const;
const COMPOSE_GO = { module: 'github.com/compose-spec/compose-go/v2', version: 'v2.16.2' } as const;
const MONGODB_OPERATOR = { module: 'github.com/mongodb/mongodb-kubernetes-operator', version: 'v0.9.0' } as const;

/** The same cache as the local engines' (deploy/local/paths.mts). */
const CACHE_DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'naperj');

export interface ToolRun {
  status: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): ToolRun {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd: options.cwd ?? tmpdir(),
    env: options.env ?? process.env,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

function goCommand(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = run('go', args, { env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', ...env } });
  if (result.status !== 0) throw new Error(`go ${args.join(' ')} failed (Go is needed for the deployment tests, as for FerretDB):\n${result.stderr}`);
  return result.stdout;
}

/** The extracted source folder of a Go module version, downloaded through the Go module proxy once. */
export function goModuleDir(module: string, version: string): string {
  const info = JSON.parse(goCommand(['mod', 'download', '-json', `${module}@${version}`])) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${module}@${version}: ${info.Error ?? 'no folder'}`);
  return info.Dir;
}

/** The kustomize binary, built from its Go module on first use. */
export function kustomizePath(): string {
  const dir = join(CACHE_DIR, 'tools', `kustomize-${KUSTOMIZE.version}`);
  const binary = join(dir, 'kustomize');
  if (existsSync(binary)) return binary;
  mkdirSync(join(CACHE_DIR, 'tools'), { recursive: true });
  // Built beside its final place and renamed, so an interrupted build leaves nothing half made.
  const draft = `${dir}.tmp-${process.pid}`;
  rmSync(draft, { recursive: true, force: true });
  try {
    goCommand(['install', `${KUSTOMIZE.module}@${KUSTOMIZE.version}`], { GOBIN: draft, CGO_ENABLED: '0' });
    if (!existsSync(binary)) renameSync(draft, dir);
  } finally {
    rmSync(draft, { recursive: true, force: true });
  }
  return binary;
}

/** `kustomize build <dir>`, parsed: every object of the output. */
export function kustomizeBuild(dir: string): unknown[] {
  const result = run(kustomizePath(), ['build', dir]);
  if (result.status !== 0) throw new Error(`kustomize build ${dir} failed:\n${result.stderr}`);
  return parseYamlDocuments(result.stdout, `kustomize build ${dir}`).filter((object) => object !== null);
}

/** The Compose specification's JSON schema, as compose-go (Docker Compose's loader) ships it. */
export function composeSpecSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(goModuleDir(COMPOSE_GO.module, COMPOSE_GO.version), 'schema', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
}

/** The MongoDBCommunity CustomResourceDefinition, as the MongoDB community operator ships it. */
export function mongodbCommunityCrd(): Record<string, unknown> {
  const file = join(
    goModuleDir(MONGODB_OPERATOR.module, MONGODB_OPERATOR.version),
    'config',
    'crd',
    'bases',
    'mongodbcommunity.mongodb.com_mongodbcommunity.yaml',
  );
  return parseYamlDocuments(readFileSync(file, 'utf8'), file)[0] as Record<string, unknown>;
}

/** Debian's promtool (package `prometheus`), which `.ci/run` installs. */
export function promtool(args: string[], cwd?: string): ToolRun {
  if (run('sh', ['-c', 'command -v promtool']).status !== 0) {
    throw new Error("promtool is missing: install Debian's prometheus package (apt-get install prometheus), as .ci/run does");
  }
  return run('promtool', args, { cwd });
}
