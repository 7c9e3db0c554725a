// Which language model answers a sampling/createMessage request. Follows MCP 2025-11-25
// client/sampling § "Model Preferences": hints are advisory substrings tried in order, the three
// priorities (0..1) describe what the server values, and the client makes the final choice.
// Plain Node: `ModelInfo` mirrors the parts of `vscode.LanguageModelChat` we use.
import type { ModelPreferences } from '@modelcontextprotocol/client';

/** What the chooser needs to know about a model (the VS Code layer copies it from `LanguageModelChat`). */
export interface ModelInfo {
  readonly id: string;
  readonly vendor: string;
  readonly name: string;
  readonly family: string;
  readonly version?: string;
  readonly maxInputTokens?: number;
  readonly capabilities?: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

export type ModelChoice =
  | { readonly kind: 'chosen'; readonly model: ModelInfo; readonly reason: string }
  /** Let the person pick; `candidates` holds every model, the most fitting first. */
  | { readonly kind: 'ask'; readonly candidates: ModelInfo[]; readonly reason: string }
  | { readonly kind: 'none' };

export const modelSettingName = 'agentcoreMcp.sampling.model';

/**
 * A model's class from words in its id, name and family. Cost and speed are not in the VS Code API, so
 * this is the only honest signal: mini/nano/haiku/flash/lite/small/tiny/instant/fast are "small"
 * (fast and cheap), opus/pro/large/ultra/max are "large" (most capable), the rest (sonnet, gpt-4o,
 * unknown models) "medium". A model with words of both kinds counts as medium.
 */
export type ModelClass = 'small' | 'medium' | 'large';
const smallWords = new Set(['mini', 'nano', 'haiku', 'flash', 'lite', 'small', 'tiny', 'instant', 'fast']);
const largeWords = new Set(['opus', 'pro', 'large', 'ultra', 'max']);

export function modelClass(m: ModelInfo): ModelClass {
  const words = `${m.id} ${m.name} ${m.family}`.toLowerCase().split(/[^a-z0-9]+/);
  const small = words.some(w => smallWords.has(w));
  const large = words.some(w => largeWords.has(w));
  return small === large ? 'medium' : small ? 'small' : 'large';
}

const classWords: Record<ModelClass, string> = { small: 'fast, cheap', medium: 'balanced', large: 'most capable' };

/**
 * Which way the priorities lean: intelligencePriority against the larger of cost and speed (both of
 * which favour small models). A difference under 0.25 is no lean: the server did not say clearly.
 */
type Lean = 'capable' | 'fast' | undefined;
const leanMargin = 0.25;

function priorities(p: ModelPreferences | undefined): { lean: Lean; text: string } | undefined {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : undefined);
  const cost = num(p?.costPriority), speed = num(p?.speedPriority), intel = num(p?.intelligencePriority);
  if (!cost && !speed && !intel) return undefined;
  const text = [
    intel !== undefined ? `intelligence ${intel}` : '', speed !== undefined ? `speed ${speed}` : '', cost !== undefined ? `cost ${cost}` : '',
  ].filter(Boolean).join(', ');
  const d = (intel ?? 0) - Math.max(cost ?? 0, speed ?? 0);
  return { lean: d >= leanMargin ? 'capable' : d <= -leanMargin ? 'fast' : undefined, text };
}

const classOrder: Record<'capable' | 'fast', ModelClass[]> = { capable: ['large', 'medium', 'small'], fast: ['small', 'medium', 'large'] };

/** Orders models by how well they fit the lean; maxInputTokens is a weak, ordering-only signal for "capable". */
function rank(models: readonly ModelInfo[], lean: Lean): ModelInfo[] {
  if (!lean) return [...models];
  const order = classOrder[lean];
  const pos = new Map(models.map((m, i) => [m, i]));
  return [...models].sort((a, b) =>
    order.indexOf(modelClass(a)) - order.indexOf(modelClass(b))
    || (lean === 'capable' ? (b.maxInputTokens ?? 0) - (a.maxInputTokens ?? 0) : 0)
    || pos.get(a)! - pos.get(b)!);
}

/** The single best model for the lean, or undefined when the best available class holds several. */
function singleBest(models: readonly ModelInfo[], lean: Lean): ModelInfo | undefined {
  if (!lean) return undefined;
  for (const cls of classOrder[lean]) {
    const inClass = models.filter(m => modelClass(m) === cls);
    if (inClass.length) return inClass.length === 1 ? inClass[0] : undefined;
  }
  return undefined;
}

const takesImages = (m: ModelInfo) => m.capabilities?.imageInput === true;

/** With images in the request: the models that take them, when any do; otherwise all of them. */
function forImages(models: readonly ModelInfo[], images: boolean): readonly ModelInfo[] {
  if (!images) return models;
  const fit = models.filter(takesImages);
  return fit.length ? fit : models;
}

/** What the request holds that bears on the choice. */
export interface ChooseOptions {
  /** The request carries images: prefer models that take them (others would get a placeholder). */
  readonly images?: boolean;
}

/** Lower case, with ".", "_", spaces and "/" as "-", so the hint "claude-3-5-sonnet" finds "claude-3.5-sonnet". */
const norm = (s: string) => s.toLowerCase().replace(/[\s._/:]+/g, '-');
const label = (m: ModelInfo) => m.name || m.id;
const quote = (s: string) => JSON.stringify(s);

/** Finds the model a setting names: "vendor/id", an id, a family or a display name (case-insensitive). */
export function findSettingModel(setting: string | undefined, models: readonly ModelInfo[]): ModelInfo | undefined {
  const s = setting?.trim().toLowerCase();
  if (!s) return undefined;
  const eq = (v: string) => v.toLowerCase() === s;
  return models.find(m => eq(`${m.vendor}/${m.id}`)) ?? models.find(m => eq(m.id))
    ?? models.find(m => eq(m.family)) ?? models.find(m => eq(m.name));
}

/**
 * Picks the model for a sampling request, in this order:
 *  1. `hints` in order: a hint matches a model when it is a substring of its id, name or family
 *     (case-insensitive, separators normalised). The first hint that matches anything wins; several
 *     matches are separated by the priorities, then an exact match, then the setting, then list order.
 *  2. The setting `agentcoreMcp.sampling.model` when it names an available model.
 *  3. The priorities, when they lean clearly one way and one model is best for that lean.
 *  4. Otherwise ask the person, most fitting first. The only available model is chosen without asking.
 * When the request carries images, models that take images come first at every step but the setting
 * (the person's explicit choice): among a hint's matches, for the priorities, and in the list to pick
 * from; the only model that takes images is chosen without asking.
 */
export function chooseModel(prefs: ModelPreferences | undefined, models: readonly ModelInfo[], setting?: string, o: ChooseOptions = {}): ModelChoice {
  if (!models.length) return { kind: 'none' };
  const images = o.images === true;
  const prio = priorities(prefs);
  const hints = (Array.isArray(prefs?.hints) ? prefs.hints : [])
    .map(h => (typeof h?.name === 'string' ? h.name.trim() : ''))
    .filter(Boolean);
  const settingModel = findSettingModel(setting, models);

  for (const hint of hints) {
    const h = norm(hint);
    const all = models.filter(m => [m.id, m.name, m.family].some(v => norm(v).includes(h)));
    if (!all.length) continue;
    const head = `hint ${quote(hint)} matched`;
    if (all.length === 1) return { kind: 'chosen', model: all[0], reason: `${head} ${label(all[0])}` };
    const matches = forImages(all, images);
    const seeing = matches.length === all.length ? ''
      : `; the request carries images and ${matches.length === 1 ? `only ${label(matches[0])} takes them` : `${matches.length} of them take them`}`;
    const many = `${head} ${all.length} models (${all.map(label).join(', ')})${seeing}`;
    if (matches.length === 1) return { kind: 'chosen', model: matches[0], reason: many };
    const best = singleBest(matches, prio?.lean);
    if (best) return { kind: 'chosen', model: best, reason: `${many}; the priorities (${prio!.text}) favour ${label(best)} (${classWords[modelClass(best)]})` };
    const exact = matches.find(m => [m.id, m.name, m.family].some(v => norm(v) === h));
    if (exact) return { kind: 'chosen', model: exact, reason: `${many}; ${label(exact)} matches exactly` };
    if (settingModel && matches.includes(settingModel)) return { kind: 'chosen', model: settingModel, reason: `${many}; setting ${modelSettingName} picks ${label(settingModel)}` };
    return { kind: 'chosen', model: matches[0], reason: `${many}; chose the first listed, ${label(matches[0])}` };
  }

  const noHint = hints.length ? `no model matches the hints ${hints.map(quote).join(', ')}; ` : '';
  if (settingModel) return { kind: 'chosen', model: settingModel, reason: `${noHint}setting ${modelSettingName} (${quote(setting!.trim())}) names ${label(settingModel)}` };
  const badSetting = setting?.trim() ? `setting ${modelSettingName} (${quote(setting.trim())}) names no available model; ` : '';

  if (models.length === 1) return { kind: 'chosen', model: models[0], reason: `${noHint}${badSetting}${label(models[0])} is the only available model` };
  const seeing = forImages(models, images);
  const narrowed = seeing.length < models.length;
  if (narrowed && seeing.length === 1) return { kind: 'chosen', model: seeing[0], reason: `${noHint}${badSetting}the request carries images and ${label(seeing[0])} is the only model that takes them` };
  const best = singleBest(seeing, prio?.lean);
  if (best) return { kind: 'chosen', model: best, reason: `${noHint}${badSetting}${narrowed ? 'among the models that take images, ' : ''}the priorities (${prio!.text}) favour ${label(best)} (${classWords[modelClass(best)]})` };

  const why = !prio ? 'no priorities given' : !prio.lean ? `the priorities (${prio.text}) lean no clear way` : `the priorities (${prio.text}) fit several models equally`;
  const candidates = narrowed ? [...rank(seeing, prio?.lean), ...rank(models.filter(m => !seeing.includes(m)), prio?.lean)] : rank(models, prio?.lean);
  return { kind: 'ask', candidates, reason: `${noHint}${badSetting}${why}${narrowed ? '; the models that take images, which the request carries, come first' : ''}` };
}
