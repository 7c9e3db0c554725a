// Multi-step quick input: each step is one input box or quick pick with a step counter, a Back button
// and validation as you type. Steps throw `Back` to return to the previous step; `Cancelled` ends the flow.
// Shape follows vscode-extension-samples' quickinput-sample (stale-validation guard, Back/cancel flow).
import * as vscode from 'vscode';

export class Back extends Error { constructor() { super('back'); } }
export class Cancelled extends Error { constructor() { super('cancelled'); } }
/** The person pressed the Decline button (an elicitation answer distinct from cancelling). */
export class Declined extends Error { constructor() { super('declined'); } }
/** The person chose to accept the defaults of every remaining field (long forms). */
export class SkipRest extends Error { constructor() { super('skip rest'); } }

const declineButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('circle-slash'), tooltip: 'Decline (answer no to the server)' };
const skipRestButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('check-all'), tooltip: 'Accept remaining defaults (the other fields are optional or have defaults)' };

export interface StepInfo {
  readonly title: string;
  readonly step?: number;
  readonly totalSteps?: number;
  /** Show a Back button (false on the first step). */
  readonly back?: boolean;
  /** Show a Decline button (elicitation). */
  readonly declinable?: boolean;
  /** Show an "Accept remaining defaults" button: every field from here on is optional or has a default. */
  readonly skipRest?: boolean;
  /** Closes the step (as a cancel) when aborted, e.g. when the server cancels its request. */
  readonly signal?: AbortSignal;
}

function buttonsFor(info: StepInfo): vscode.QuickInputButton[] {
  return [...(info.back ? [vscode.QuickInputButtons.Back] : []), ...(info.skipRest ? [skipRestButton] : []), ...(info.declinable ? [declineButton] : [])];
}

function onButton(b: vscode.QuickInputButton, reject: (e: Error) => void): void {
  if (b === vscode.QuickInputButtons.Back) reject(new Back());
  else if (b === declineButton) reject(new Declined());
  else if (b === skipRestButton) reject(new SkipRest());
}

export interface InputOptions extends StepInfo {
  readonly prompt?: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly password?: boolean;
  /** Returns an error message, or undefined when the value is acceptable. */
  readonly validate?: (value: string) => string | undefined | Promise<string | undefined>;
}

export interface PickOptions<T extends vscode.QuickPickItem> extends StepInfo {
  readonly items: readonly T[];
  readonly placeholder?: string;
  readonly active?: T;
  readonly matchOnDescription?: boolean;
}

function frame(w: vscode.QuickInput, info: StepInfo): void {
  w.title = info.title;
  w.step = info.step;
  w.totalSteps = info.totalSteps;
  w.ignoreFocusOut = true;
  if (info.signal?.aborted) queueMicrotask(() => w.hide());
  else info.signal?.addEventListener('abort', () => w.hide(), { once: true });
}

export function input(opts: InputOptions): Promise<string> {
  const box = vscode.window.createInputBox();
  frame(box, opts);
  box.prompt = opts.prompt;
  box.placeholder = opts.placeholder;
  box.value = opts.value ?? '';
  box.password = opts.password ?? false;
  box.buttons = buttonsFor(opts);
  const disposables: vscode.Disposable[] = [box];
  let validating: Promise<string | undefined> = Promise.resolve(undefined);
  const check = (value: string): Promise<string | undefined> => Promise.resolve(opts.validate ? opts.validate(value) : undefined);
  return new Promise<string>((resolve, reject) => {
    disposables.push(
      box.onDidTriggerButton(b => onButton(b, reject)),
      box.onDidChangeValue(value => {
        const current = check(value);
        validating = current;
        void current.then(message => { if (validating === current) box.validationMessage = message; });
      }),
      box.onDidAccept(async () => {
        const value = box.value;
        box.busy = true;
        box.enabled = false;
        const message = await check(value);
        box.busy = false;
        box.enabled = true;
        box.validationMessage = message;
        if (!message) resolve(value);
      }),
      box.onDidHide(() => reject(new Cancelled())),
    );
    if (box.value && opts.validate) void check(box.value).then(m => { box.validationMessage = m; });
    box.show();
  }).finally(() => disposables.forEach(d => d.dispose()));
}

export function pick<T extends vscode.QuickPickItem>(opts: PickOptions<T>): Promise<T> {
  const qp = vscode.window.createQuickPick<T>();
  frame(qp, opts);
  qp.placeholder = opts.placeholder;
  qp.items = opts.items;
  qp.matchOnDescription = opts.matchOnDescription ?? true;
  if (opts.active) qp.activeItems = [opts.active];
  qp.buttons = buttonsFor(opts);
  const disposables: vscode.Disposable[] = [qp];
  return new Promise<T>((resolve, reject) => {
    disposables.push(
      qp.onDidTriggerButton(b => onButton(b, reject)),
      qp.onDidAccept(() => { const [choice] = qp.selectedItems; if (choice) resolve(choice); }),
      qp.onDidHide(() => reject(new Cancelled())),
    );
    qp.show();
  }).finally(() => disposables.forEach(d => d.dispose()));
}

export interface PickManyOptions<T extends vscode.QuickPickItem> extends StepInfo {
  readonly items: readonly T[];
  readonly placeholder?: string;
  readonly selected?: readonly T[];
  /** Returns a problem with the selection (shown in the placeholder), or undefined. */
  readonly validate?: (selected: readonly T[]) => string | undefined;
}

export function pickMany<T extends vscode.QuickPickItem>(opts: PickManyOptions<T>): Promise<T[]> {
  const qp = vscode.window.createQuickPick<T>();
  frame(qp, opts);
  qp.canSelectMany = true;
  qp.placeholder = opts.placeholder;
  qp.items = opts.items;
  if (opts.selected) qp.selectedItems = opts.selected;
  qp.buttons = buttonsFor(opts);
  const disposables: vscode.Disposable[] = [qp];
  return new Promise<T[]>((resolve, reject) => {
    disposables.push(
      qp.onDidTriggerButton(b => onButton(b, reject)),
      qp.onDidAccept(() => {
        const problem = opts.validate?.(qp.selectedItems);
        if (problem) { qp.placeholder = `${problem} ${opts.placeholder ?? ''}`.trim(); return; }
        resolve([...qp.selectedItems]);
      }),
      qp.onDidHide(() => reject(new Cancelled())),
    );
    qp.show();
  }).finally(() => disposables.forEach(d => d.dispose()));
}

/**
 * Runs steps in order; a step that throws `Back` re-runs the previous one. Returns false when the person
 * cancelled. A step may return `'skip'` to be skipped when going back (it had nothing to ask).
 */
export async function runSteps(steps: ReadonlyArray<() => Promise<void | 'skip'>>): Promise<boolean> {
  const skipped = new Set<number>();
  let i = 0;
  while (i < steps.length) {
    try {
      if ((await steps[i]()) === 'skip') skipped.add(i); else skipped.delete(i);
      i++;
    } catch (e) {
      if (e instanceof Back) {
        do { i--; } while (i > 0 && skipped.has(i));
        if (i < 0) i = 0;
      } else if (e instanceof Cancelled) {
        return false;
      } else {
        throw e;
      }
    }
  }
  return true;
}

export interface SuggestOptions extends StepInfo {
  readonly prompt?: string;
  readonly value?: string;
  readonly required?: boolean;
  /** Suggestions for what is typed so far (completion/complete); [] for none. */
  readonly suggest: (value: string) => Promise<string[]>;
}

/**
 * Free text with suggestions: a quick pick whose first row is what the person typed, followed by the
 * server's completions for it. Enter takes the highlighted row.
 */
export function suggestInput(opts: SuggestOptions): Promise<string> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: string }>();
  frame(qp, opts);
  qp.placeholder = opts.prompt;
  qp.value = opts.value ?? '';
  qp.matchOnDescription = false;
  qp.buttons = buttonsFor(opts);
  const disposables: vscode.Disposable[] = [qp];
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  const typed = (value: string) => ({ label: value || (opts.required ? '(type a value)' : '(leave empty)'), description: value ? 'as typed' : '', value, alwaysShow: true });
  const refresh = (value: string) => {
    const mine = ++generation;
    qp.items = [typed(value), ...qp.items.filter(i => i.description !== 'as typed')];
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      qp.busy = true;
      void opts.suggest(value).then(values => {
        if (mine !== generation) return; // a newer value is being completed
        qp.items = [typed(value), ...values.filter(v => v !== value).map(v => ({ label: v, value: v, description: 'suggested', alwaysShow: true }))];
      }).finally(() => { if (mine === generation) qp.busy = false; });
    }, 150);
  };
  return new Promise<string>((resolve, reject) => {
    disposables.push(
      qp.onDidTriggerButton(b => onButton(b, reject)),
      qp.onDidChangeValue(refresh),
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        const value = chosen ? chosen.value : qp.value;
        if (opts.required && !value) { qp.placeholder = 'A value is required: type one or choose a suggestion.'; return; }
        resolve(value);
      }),
      qp.onDidHide(() => reject(new Cancelled())),
    );
    refresh(qp.value);
    qp.show();
  }).finally(() => { if (timer) clearTimeout(timer); disposables.forEach(d => d.dispose()); });
}

/** A yes/no question as a quick pick (modal dialogs auto-answer in test mode and hide the question). */
export async function confirm(opts: StepInfo & { question: string; yes: string; no?: string; detail?: string }): Promise<boolean> {
  const items = [
    { label: opts.yes, yes: true, ...(opts.detail ? { detail: opts.detail } : {}) },
    { label: opts.no ?? 'Cancel', yes: false },
  ];
  return (await pick({ ...opts, items, placeholder: opts.question })).yes;
}
