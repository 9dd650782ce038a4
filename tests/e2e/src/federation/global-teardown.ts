import { stopFederation } from './federation-launcher';

/** Ctrl-C, as a user stops `npm start`: it stops the services, MirrorMaker 2 and the engines. */
export default async function globalTeardown(): Promise<void> {
  const federation = globalThis.naperjFederation;
  if (!federation) return;
  await stopFederation(federation.launcher);
  await federation.collector.close();
}
