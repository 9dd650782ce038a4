/**
 * Beside service-kit's testing/typescript-hooks.mts, for a child process that loads our
 * libraries from source: resolves `./dir` to `./dir/index(.ts)`, as tsc does.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.')) throw error;
      return nextResolve(`${specifier}/index`, context);
    }
  },
});
