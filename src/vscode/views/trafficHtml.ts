// The traffic panel's page: a filter, kind toggles, a table of rows (click one to see the whole
// message), and Export / Clear. All data arrives by postMessage; no remote content, strict CSP. The
// filter is the core's own function (core/traffic/rows.ts), inlined, so the page and exports agree.
import { randomBytes } from 'node:crypto';
import { filterRows } from '../../core/traffic/rows';

export function trafficHtml(cspSource: string, connection: string): string {
  const nonce = randomBytes(16).toString('base64');
  const esc = (s: string) => s.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c] ?? c));
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 8px; }
.bar { display: flex; gap: 8px; align-items: center; position: sticky; top: 0; background: var(--vscode-editor-background); padding: 6px 0; }
input[type=text] { flex: 1; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 10px; cursor: pointer; }
table { width: 100%; border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: 12px; }
td { padding: 2px 6px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; white-space: nowrap; }
td.summary { white-space: normal; word-break: break-all; }
tr.row { cursor: pointer; } tr.row:hover { background: var(--vscode-list-hoverBackground); }
tr.error td { color: var(--vscode-errorForeground); }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; background: var(--vscode-textCodeBlock-background); padding: 6px; }
.muted { opacity: .7; }
</style></head><body>
<div class="bar"><strong>${esc(connection)}</strong>
<input id="filter" type="text" placeholder="Filter by method or text (e.g. elicitation, tools/call, 403)">
<label><input type="checkbox" class="kind" value="request" checked>requests</label>
<label><input type="checkbox" class="kind" value="response" checked>responses</label>
<label><input type="checkbox" class="kind" value="notification" checked>notifications</label>
<label><input type="checkbox" class="kind" value="http" checked>HTTP</label>
<button id="export">Export JSON Lines</button><button id="clear">Clear</button></div>
<div id="protocol" class="muted"></div>
<div id="count" class="muted"></div>
<table><tbody id="rows"></tbody></table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
let rows = []; const open = new Set();
const $ = id => document.getElementById(id);
const arrow = r => r.kind === 'http' ? 'HTTP' : (r.direction === 'out' ? '→' : '←');
const filterRows = ${filterRows.toString()};
function render() {
  const kinds = [...document.querySelectorAll('.kind:checked')].map(k => k.value);
  const shown = filterRows(rows, { text: $('filter').value, kinds });
  $('count').textContent = shown.length + ' of ' + rows.length + ' messages and exchanges';
  const body = $('rows'); body.textContent = '';
  for (const r of shown) {
    const tr = document.createElement('tr'); tr.className = 'row' + (r.error ? ' error' : ''); tr.dataset.seq = r.seq;
    const cells = [r.clock, arrow(r), r.kind, (r.repeats ? '×' + r.repeats + ' ' : '') + r.summary,
      r.durationMs !== undefined ? Math.round(r.durationMs) + ' ms' : '', r.related || ''];
    cells.forEach((c, i) => { const td = document.createElement('td'); td.textContent = c; if (i === 3) td.className = 'summary'; tr.appendChild(td); });
    tr.onclick = () => { open.has(r.seq) ? open.delete(r.seq) : open.add(r.seq); render(); };
    body.appendChild(tr);
    if (open.has(r.seq)) { const d = document.createElement('tr'); const td = document.createElement('td'); td.colSpan = 6; const pre = document.createElement('pre'); pre.textContent = r.detail; td.appendChild(pre); d.appendChild(td); body.appendChild(d); }
  }
}
window.addEventListener('message', e => { if (e.data.type === 'rows') { rows = e.data.rows; $('protocol').textContent = e.data.protocol || ''; render(); } });
$('filter').addEventListener('input', render);
document.querySelectorAll('.kind').forEach(k => k.addEventListener('change', render));
$('export').onclick = () => vscode.postMessage({ type: 'export' });
$('clear').onclick = () => vscode.postMessage({ type: 'clear' });
vscode.postMessage({ type: 'ready' });
</script></body></html>`;
}
