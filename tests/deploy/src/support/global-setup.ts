import { composeSpecSchema, kustomizePath, mongodbCommunityCrd, promtool } from './tools';

/** Fetches or builds every tool once, before the tests, so none of them waits on a download. */
export default function globalSetup(): void {
  kustomizePath();
  composeSpecSchema();
  mongodbCommunityCrd();
  promtool(['--version']);
}
