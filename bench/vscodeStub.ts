// A stand-in for the `vscode` module, good enough to load dist/extension.js and run activate() in plain
// Node: every namespace, function and class answers with another stand-in, except what activation reads
// and must get a real value from (configuration values, workspace folders, events, trust).
import Module from 'node:module';

type Any = Record<string | symbol, unknown> & ((...args: unknown[]) => unknown);

/** Something that can be called, constructed and read from, forever. */
export function anything(name = 'vscode'): Any {
  const cache = new Map<string | symbol, unknown>();
  const fn = function () { /* stand-in */ } as unknown as Any;
  return new Proxy(fn, {
    get(_t, key) {
      if (cache.has(key)) return cache.get(key);
      let v: unknown;
      if (key === 'then') v = undefined; // not a promise
      else if (key === Symbol.iterator) v = function* () { /* empty */ };
      else if (key === Symbol.toPrimitive) v = () => `[${name}]`;
      else if (key === 'toString' || key === 'toJSON') v = () => `[${name}]`;
      else if (key === 'get') v = (_k: unknown, fallback?: unknown) => fallback; // configuration.get(key, default)
      else if (key === 'inspect') v = () => undefined;
      else if (key === 'dispose') v = () => undefined;
      else if (key === 'length') v = 0;
      else v = anything(`${name}.${String(key)}`);
      cache.set(key, v);
      return v;
    },
    apply: () => anything(`${name}()`),
    construct: () => anything(`new ${name}`) as object,
  });
}

class EventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  readonly event = (l: (e: T) => unknown) => { this.listeners.push(l); return { dispose: () => { this.listeners = this.listeners.filter(x => x !== l); } }; };
  fire(e: T): void { for (const l of [...this.listeners]) l(e); }
  dispose(): void { this.listeners = []; }
}

class Disposable {
  constructor(private readonly fn: () => unknown) {}
  static from(...ds: { dispose(): unknown }[]): Disposable { return new Disposable(() => ds.forEach(d => d.dispose())); }
  dispose(): void { this.fn(); }
}

const noEvent = () => ({ dispose: () => undefined });

export function createVscodeStub(): Record<string, unknown> {
  const base = anything();
  const overrides: Record<string, unknown> = {
    version: '1.104.0-stub',
    EventEmitter, Disposable,
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    workspace: new Proxy(anything('vscode.workspace'), {
      get(t, key) {
        if (key === 'workspaceFolders' || key === 'workspaceFile') return undefined;
        if (key === 'isTrusted') return true;
        if (typeof key === 'string' && key.startsWith('on')) return noEvent;
        return t[key];
      },
    }),
  };
  // Own properties would be copied by esbuild's import helper, but a stand-in has none to list: the
  // namespace answers through its prototype instead, which the helper's Object.create(proto) keeps.
  const proto = new Proxy({}, {
    get(_t, key) {
      if (typeof key === 'string' && key in overrides) return overrides[key];
      if (key === '__esModule') return false;
      return base[key];
    },
  });
  return Object.create(proto) as Record<string, unknown>;
}

/** Makes require('vscode') return the stand-in in this process. */
export function installVscodeStub(): void {
  const stub = createVscodeStub();
  const m = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = m._load;
  m._load = function (request, parent, isMain) {
    return request === 'vscode' ? stub : load.call(this, request, parent, isMain);
  };
}

/** A fake ExtensionContext: subscriptions collected, storage in memory, secrets empty. */
export function fakeContext(storageDir: string): Record<string, unknown> {
  const memento = () => { const m = new Map<string, unknown>(); return { get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d), update: async (k: string, v: unknown) => { m.set(k, v); }, keys: () => [...m.keys()], setKeysForSync: () => undefined }; };
  const uri = { fsPath: storageDir, path: storageDir, scheme: 'file', toString: () => `file://${storageDir}` };
  return {
    subscriptions: [] as { dispose(): unknown }[],
    globalState: memento(), workspaceState: memento(),
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: noEvent },
    globalStorageUri: uri, storageUri: uri, logUri: uri, extensionUri: uri, extensionPath: storageDir,
    globalStoragePath: storageDir, storagePath: storageDir, logPath: storageDir,
    extensionMode: 1, environmentVariableCollection: anything('environmentVariableCollection'),
    asAbsolutePath: (p: string) => `${storageDir}/${p}`,
  };
}
