import { COUNTRY_CODES, localServicePort, SERVICE_NAMES } from '@naperj/contracts';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoPath } from '../support/repo';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

/** The Dockerfile's instructions by stage: continuation lines joined, comments and the parser directive dropped. */
function parseDockerfile(text: string): Stage[] {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line));
  const logical: string[] = [];
  let pending = '';
  for (const line of lines) {
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  const stages: Stage[] = [];
  for (const line of logical.map((l) => l.trim()).filter(Boolean)) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile: ${keyword} before any FROM`);
      stage.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const dockerfile = readFileSync(repoPath('Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const final = stages.at(-1) as Stage;
const all = (stage: Stage, keyword: string) => stage.instructions.filter((instruction) => instruction.keyword === keyword);
const rootPackage = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { engines: { node: string }; devDependencies: Record<string, string> };

/** `>=a.b.c <d` as package.json's engines writes it. */
function satisfiesEngines(version: string, range: string): boolean {
  const [, low, high] = /^>=(\d+\.\d+\.\d+) <(\d+)$/.exec(range) ?? [];
  if (!low || !high) throw new Error(`engines.node "${range}" is not of the form ">=x.y.z <N"`);
  const parts = (v: string) => v.split('.').map(Number);
  const [a, b] = [parts(version), parts(low)];
  const atLeast = a[0]! !== b[0]! ? a[0]! > b[0]! : a[1]! !== b[1]! ? a[1]! > b[1]! : a[2]! >= b[2]!;
  return atLeast && a[0]! < Number(high);
}

describe('Dockerfile', () => {
  it('builds in stages and runs on a slim image of the Node the project is tested on', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const node = rootPackage.devDependencies.node as string;
    expect(satisfiesEngines(node, rootPackage.engines.node)).toBe(true);
    expect(final.image).toBe(`node:${node}-bookworm-slim`);
    for (const stage of stages) expect(stage.image).toMatch(/^[a-z0-9./-]+:\d+\.\d+\.\d+[a-z0-9.-]*$/);
  });

  it('builds the service named by the SERVICE build argument with Nx, in every stage that uses it', () => {
    for (const stage of stages) {
      const uses = stage.instructions.some(({ keyword, args }) => keyword !== 'ARG' && /\$\{?SERVICE\b/.test(args));
      if (uses)
        expect({ stage: stage.name, declares: all(stage, 'ARG').some(({ args }) => args === 'SERVICE') }).toEqual({ stage: stage.name, declares: true });
    }
    const build = stages.flatMap((stage) => all(stage, 'RUN')).find(({ args }) => /\bnx run\b/.test(args));
    expect(build?.args).toMatch(/npx nx run "\$SERVICE:build"/);
  });

  it('refuses any SERVICE but the services', () => {
    const guard = /case "\$SERVICE" in ([^)]+)\)/.exec(stages[0]?.instructions.map(({ args }) => args).join('\n') ?? '')?.[1];
    expect(guard?.split('|').sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it('finds an Nx build target for every service, and its entry point where that target writes it', () => {
    const nxPackage = require.resolve('nx/package.json');
    const nx = join(dirname(nxPackage), (JSON.parse(readFileSync(nxPackage, 'utf8')) as { bin: { nx: string } }).bin.nx);
    const result = spawnSync(process.execPath, [nx, 'show', 'projects', '--with-target', 'build', '--json'], {
      cwd: repoPath(),
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    expect(result.status).toBe(0);
    const withBuild = JSON.parse(result.stdout) as string[];
    const entry = /ln -s "services\/\$SERVICE\/([^"]+)" main\.js/.exec(final.instructions.map(({ args }) => args).join('\n'))?.[1];
    expect(entry).toBe('dist/main.js');
    for (const service of SERVICE_NAMES) {
      expect(withBuild).toContain(service);
      const app = JSON.parse(readFileSync(repoPath('services', service, 'tsconfig.app.json'), 'utf8')) as {
        compilerOptions: { rootDir: string; outDir: string };
      };
      expect(`${app.compilerOptions.outDir}/main.js`).toBe(entry);
      expect(existsSync(repoPath('services', service, app.compilerOptions.rootDir, 'main.ts'))).toBe(true);
    }
  }, 120_000);

  it('installs production dependencies only into what it runs', () => {
    const installs = stages
      .flatMap((stage) => all(stage, 'RUN').map(({ args }) => ({ stage: stage.name, args })))
      .filter(({ args }) => /\bnpm ci\b/.test(args));
    const production = installs.filter(({ args }) => /--omit=dev/.test(args));
    expect(production).toHaveLength(1);
    const copies = all(final, 'COPY').map(({ args }) => /--from=(\S+)/.exec(args)?.[1]);
    expect(copies).toEqual([production[0]?.stage]);
    expect(all(final, 'RUN').some(({ args }) => /\bnpm (ci|install)\b/.test(args))).toBe(false);
    expect(all(final, 'ENV').map(({ args }) => args)).toContain('NODE_ENV=production');
  });

  it('runs as a user other than root', () => {
    const user = all(final, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it("exposes the service's port in each country", () => {
    const exposed = all(final, 'EXPOSE')
      .flatMap(({ args }) => args.split(/\s+/))
      .map(Number);
    for (const service of SERVICE_NAMES) for (const country of COUNTRY_CODES) expect(exposed).toContain(localServicePort(country, service));
  });

  it('checks liveness with Node on /health/live of the configured port, and starts the service with Node', () => {
    const healthcheck = all(final, 'HEALTHCHECK');
    expect(healthcheck).toHaveLength(1);
    const command = healthcheck[0]?.args ?? '';
    expect(command).toMatch(/CMD \["node", "-e", /);
    expect(command).toContain('/health/live');
    expect(command).toContain('process.env.PORT');
    expect(command).not.toMatch(/\b(curl|wget)\b/);
    expect(all(final, 'CMD').at(-1)?.args).toMatch(/^\["node", .*"main\.js"\]$/);
  });
});

describe('the keys job of docker-compose.yml', () => {
  it('runs on the same pinned Node image as the services', () => {
    const [keys] = parseDockerfile(readFileSync(repoPath('deploy', 'compose', 'keys', 'Dockerfile'), 'utf8'));
    expect(keys?.image).toBe(final.image);
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(repoPath('.dockerignore'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));

  it.each(['.git', '.run', '.secrets', '**/node_modules', '**/dist'])('keeps %s out of the build context', (pattern) => {
    expect(ignored).toContain(pattern);
  });
});
