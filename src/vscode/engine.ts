// Loads the engine bundle (dist/engine.js: the MCP SDK and the core) the first time it is needed, so
// activation loads only this small bundle. Types come from the source; the code from the other bundle.
import type * as Engine from '../core/engine';

export type EngineModule = typeof Engine;
let loaded: EngineModule | undefined;

export function engine(): EngineModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path next to dist/extension.js, kept out of this bundle on purpose
  loaded ??= require('./engine.js') as EngineModule;
  return loaded;
}
