/**
 * A service's first import (`import '@naperj/service-kit/instrument'`, before anything that
 * loads NestJS), or a `node --require` preload: see instrumentLibraries.
 */
import { instrumentLibraries } from './instrumentations';

instrumentLibraries();
