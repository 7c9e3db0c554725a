// What a running server offers (tools, resources, templates, prompts), listed on first need with every
// page followed, and dropped when the server says its list changed or the session changes.
import type { Prompt, Resource, ResourceTemplateType, Tool } from '@modelcontextprotocol/client';
import type { McpConnection } from '../../core/connections/connection';
import { engine } from '../engine';

export type CatalogKind = 'tools' | 'resources' | 'templates' | 'prompts';
interface Items { tools: Tool[]; resources: Resource[]; templates: ResourceTemplateType[]; prompts: Prompt[] }

export class Catalog {
  private readonly cache = new Map<CatalogKind, Promise<unknown[]>>();

  constructor(private readonly conn: McpConnection) {}

  get<K extends CatalogKind>(kind: K): Promise<Items[K]> {
    let p = this.cache.get(kind);
    if (!p) {
      const { ops } = engine();
      const load: Record<CatalogKind, () => Promise<unknown[]>> = {
        tools: () => ops.listTools(this.conn),
        resources: () => ops.listResources(this.conn),
        templates: () => ops.listResourceTemplates(this.conn),
        prompts: () => ops.listPrompts(this.conn),
      };
      p = load[kind]();
      this.cache.set(kind, p);
      p.catch(() => this.cache.delete(kind)); // a failure is not cached: the next look retries
    }
    return p as Promise<Items[K]>;
  }

  invalidate(kind?: CatalogKind): void {
    if (kind) this.cache.delete(kind); else this.cache.clear();
  }
}
