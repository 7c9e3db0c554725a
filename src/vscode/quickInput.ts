// Multi-step quick input: each step is one input box or quick pick with a step counter, a Back button
// and validation as you type. Steps throw `Back` to return to the previous step; `Cancelled` ends the flow.
// Shape follows vscode-extension-samples' quickinput-sample (stale-validation guard, Back/cancel flow).
import * as vscode from 'vscode';

export class Back extends Error { constructor() { super('back'); } }
export class Cancelled extends Error { constructor() { super('cancelled'); } }

export interface StepInfo {
  readonly title: string;
  readonly step?: number;
  readonly totalSteps?: number;
  /** Show a Back button (false on the first step). */
  readonly back?: boolean;
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
}

export function input(opts: InputOptions): Promise<string> {
  const box = vscode.window.createInputBox();
  frame(box, opts);
  box.prompt = opts.prompt;
  box.placeholder = opts.placeholder;
  box.value = opts.value ?? '';
  box.password = opts.password ?? false;
  box.buttons = opts.back ? [vscode.QuickInputButtons.Back] : [];
  const disposables: vscode.Disposable[] = [box];
  let validating: Promise<string | undefined> = Promise.resolve(undefined);
  const check = (value: string): Promise<string | undefined> => Promise.resolve(opts.validate ? opts.validate(value) : undefined);
  return new Promise<string>((resolve, reject) => {
    disposables.push(
      box.onDidTriggerButton(b => { if (b === vscode.QuickInputButtons.Back) reject(new Back()); }),
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
  qp.buttons = opts.back ? [vscode.QuickInputButtons.Back] : [];
  const disposables: vscode.Disposable[] = [qp];
  return new Promise<T>((resolve, reject) => {
    disposables.push(
      qp.onDidTriggerButton(b => { if (b === vscode.QuickInputButtons.Back) reject(new Back()); }),
      qp.onDidAccept(() => { const [choice] = qp.selectedItems; if (choice) resolve(choice); }),
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
