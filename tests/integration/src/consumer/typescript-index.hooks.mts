/**
 * `node --import` this after service-kit's typescript-hooks.mts: with `--conditions=development`
 * the libraries' sources load as they are, and they import folders by their index.ts.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.')) throw error;
      return nextResolve(`${specifier}/index.ts`, context);
    }
  },
});
