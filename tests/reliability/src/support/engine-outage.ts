import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ENGINES_COUNTRY } from './in-process-service';

const DEPLOY_LOCAL = join(__dirname, '..', '..', '..', '..', 'deploy', 'local');

/** An engine of the node, as deploy/local manages it. */
export type Engine = 'kafka' | 'ferretdb';

/** Stops the node's engine as an outage would (SIGTERM, SIGKILL after the grace period), until its port is closed. */
export function stopEngine(engine: Engine): Promise<void> {
  const module = engine === 'kafka' ? 'kafka.mts' : 'ferretdb.mts';
  const name = engine === 'kafka' ? 'kafkaProcessName' : 'ferretdbProcessName';
  const port = engine === 'kafka' ? 'kafkaClientPort' : 'ferretdbPort';
  return deployLocal(
    `import { portListener, stopManaged, waitForPortClosed } from './processes.mts'; import { ${name} } from './${module}'; ` +
      `import { nodeTopology } from './topology.mts'; ` +
      `const port = nodeTopology('${ENGINES_COUNTRY}').${port}; ` +
      `if (!(await stopManaged(${name}('${ENGINES_COUNTRY}'), 30_000))) throw new Error('${engine} was not running'); ` +
      `if (!(await waitForPortClosed(port, 30_000))) throw new Error(\`port \${port} still answers: \${portListener(port)}\`);`,
  );
}

/** Starts whatever of the node's engines is stopped, until each answers. */
export function restartEngines(): Promise<void> {
  return deployLocal(`import { enginesUp } from './engines.mts'; await enginesUp(['${ENGINES_COUNTRY}'], { log: () => undefined });`);
}

/** Runs a snippet of deploy/local's modules with the Node running the suite (24, which strips types). */
function deployLocal(code: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', '--input-type=module', '-e', code], {
      cwd: DEPLOY_LOCAL,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`deploy/local exited with ${code}: ${stderr}`))));
  });
}
