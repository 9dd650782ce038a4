import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { configs } from 'typescript-eslint';

/**
 * The layers of eslint.config.mjs, checked on code that lints as if it were in a project: a
 * service may not import another service, while tests may import any project.
 */
const ROOT = join(__dirname, '..', '..', '..');
const RULE = '@nx/enforce-module-boundaries';

const IMPORTS_A_SERVICE = `import { AppModule } from '@naperj/submissions/app.module';\n\nexport const modules = [AppModule];\n`;
const IMPORTS_MESSAGING = `import * as messaging from '@naperj/messaging';\n\nexport const library = messaging;\n`;

describe('module boundaries', () => {
  let eslint: ESLint;

  beforeAll(() => {
    // The rule reads the project graph that Nx caches: bring it up to date (tags included).
    execFileSync(process.execPath, [join(ROOT, 'node_modules', '.bin', 'nx'), 'show', 'projects'], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
    // The boundaries need no type information: lint without building a TypeScript program.
    eslint = new ESLint({ cwd: ROOT, overrideConfig: configs.disableTypeChecked });
  }, 60_000);

  async function boundaryMessages(filePath: string, code: string): Promise<Linter.LintMessage[]> {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
    return result!.messages.filter((message) => message.ruleId === RULE || message.fatal);
  }

  it('fails a service that imports another service', async () => {
    const messages = await boundaryMessages('services/reporting/src/x.ts', IMPORTS_A_SERVICE);

    // Nx forbids importing an application outright, before the services' tags come to it.
    expect(messages).toEqual([expect.objectContaining({ ruleId: RULE, severity: 2 })]);
  });

  it('passes a test that imports a service', async () => {
    expect(await boundaryMessages('tests/integration/src/x.ts', IMPORTS_A_SERVICE)).toEqual([]);
  });

  it('passes a service that imports a library below it', async () => {
    expect(await boundaryMessages('services/reporting/src/x.ts', IMPORTS_MESSAGING)).toEqual([]);
  });

  it('fails the contracts when they import a layer above them', async () => {
    const messages = await boundaryMessages('libs/contracts/src/x.ts', IMPORTS_MESSAGING);

    expect(messages).toEqual([expect.objectContaining({ ruleId: RULE, severity: 2 })]);
  });
});
