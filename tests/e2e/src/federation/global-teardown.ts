import { once } from 'node:events';

/** Ctrl-C, as a user stops `npm start`: it stops the services, MirrorMaker 2 and the engines. */
export default async function globalTeardown(): Promise<void> {
  const federation = globalThis.naperjFederation;
  if (!federation) return;
  const { launcher, collector } = federation;
  if (launcher.exitCode === null) {
    const exited = once(launcher, 'exit');
    launcher.kill('SIGINT');
    await exited;
  }
  await collector.close();
}
