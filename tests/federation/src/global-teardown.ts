import { runDeploy } from './deploy';

export default function globalTeardown(): void {
  const started = globalThis.naperjFederationStarted ?? [];
  if (started.length === 0) return;
  const result = runDeploy(`import { stopProcesses } from './engines.mts'; await stopProcesses(${JSON.stringify(started)});`);
  if (result.status !== 0) throw new Error(`could not stop ${started.join(', ')}:\n${result.stderr}`);
}
