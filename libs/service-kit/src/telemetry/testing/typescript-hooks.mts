/**
 * `node --import` this to run the TypeScript of this repository as tsc compiles it (CommonJS
 * that require()s ESM NestJS), without a build: how tests start a service process exactly as
 * production loads one. With `--conditions=development` our libraries load from source.
 */
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// What tsconfig.base.json sets that changes the emitted JavaScript.
const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2023,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
};

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      // Our sources import files without extension and folders by their index, as tsc resolves them.
      if (!specifier.startsWith('.')) throw error;
      try {
        return nextResolve(`${specifier}.ts`, context);
      } catch {
        return nextResolve(`${specifier}/index.ts`, context);
      }
    }
  },
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
    const fileName = fileURLToPath(url);
    const { outputText } = ts.transpileModule(readFileSync(fileName, 'utf8'), { compilerOptions, fileName });
    return { format: 'commonjs', source: outputText, shortCircuit: true };
  },
});
