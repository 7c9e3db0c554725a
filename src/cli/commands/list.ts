// agentcore-mcp tools | resources | prompts: what the server offers, as a table or JSON.
import { listPrompts, listResources, listResourceTemplates, listTools } from '../../core/operations';
import { connectionOptions, flag, outputOptions, parse, positionals, timeoutMs } from '../args';
import { json, table } from '../output';
import { withSession } from '../session';

export async function listCommand(kind: 'tools' | 'resources' | 'prompts', argv: string[]): Promise<number> {
  const p = parse(kind, argv, { ...connectionOptions, ...outputOptions });
  positionals(p, [], kind);
  const asJson = flag(p, 'json');
  const ms = timeoutMs(p, kind);
  return withSession(p, kind, ms ? { timeoutMs: ms } : {}, async ({ connection, print }) => {
    const caps = connection.state.kind === 'running' ? connection.state.session.serverCapabilities : undefined;
    if (kind === 'tools') {
      // A server without the capability answers -32601; an empty list is the honest answer.
      const tools = caps?.tools ? await listTools(connection) : [];
      print.out(asJson ? json({ tools }) : table(['NAME', 'DESCRIPTION'], tools.map(t => [t.name, t.description ?? t.title ?? ''])) || 'No tools.\n');
    } else if (kind === 'resources') {
      const resources = caps?.resources ? await listResources(connection) : [];
      const templates = caps?.resources ? await listResourceTemplates(connection).catch(() => []) : [];
      if (asJson) print.out(json({ resources, resourceTemplates: templates }));
      else {
        print.out(table(['URI', 'NAME', 'MIME TYPE', 'DESCRIPTION'], resources.map(r => [r.uri, r.name, r.mimeType ?? '', r.description ?? ''])) || 'No resources.\n');
        if (templates.length) print.out(`\nTemplates:\n${table(['URI TEMPLATE', 'NAME', 'DESCRIPTION'], templates.map(t => [t.uriTemplate, t.name, t.description ?? '']))}`);
      }
    } else {
      const prompts = caps?.prompts ? await listPrompts(connection) : [];
      print.out(asJson ? json({ prompts }) : table(['NAME', 'ARGUMENTS', 'DESCRIPTION'], prompts.map(pr => [pr.name,
        (pr.arguments ?? []).map(a => `${a.name}${a.required ? '' : '?'}`).join(', '), pr.description ?? ''])) || 'No prompts.\n');
    }
    return 0;
  });
}
