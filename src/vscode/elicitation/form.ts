// Form-mode elicitation as quick inputs: one step per property (step counter, Back, a Decline button,
// ignoreFocusOut), then a review step listing every answer where the person can accept, go back to edit
// a field, or decline. Escape at any point is cancel. Titles name the connection that asks.
import type { ElicitResult } from '@modelcontextprotocol/client';
import * as vscode from 'vscode';
import type { Answers, Form, Value } from '../../core/elicitation/model';
import type { EngineModule } from '../engine';
import { askField } from '../forms/fieldStep';
import { Back, Cancelled, Declined, pick, SkipRest } from '../quickInput';

type ReviewItem = vscode.QuickPickItem & { action: 'accept' | 'decline' | 'edit'; index?: number };

export interface FormRecord { readonly answers: Answers; readonly result: ElicitResult }

/** When the answers are reviewed before sending (setting agentcoreMcp.elicitation.review). */
export type ReviewMode = 'auto' | 'always' | 'never';

/** Asks the form; returns the result to send (accept with content, decline or cancel). */
export async function askForm(e: EngineModule, connection: string, form: Form, signal: AbortSignal, review: ReviewMode = 'auto'): Promise<ElicitResult> {
  const el = e.elicitation;
  const answers: Record<string, Value | undefined> = {};
  const message = form.message.trim();
  const [first, ...rest] = message.split('\n');
  // One field: the message is the question, so it is the title. Several: the title names the field, and
  // the message leads each step's prompt (as a title it was cut, and the field's name with it).
  const single = form.fields.length === 1;
  const title = single ? `${connection} asks: ${first}`.slice(0, 150) : `${connection} asks`;
  const context = (single ? rest.join(' ') : message.replace(/\s*\n\s*/g, ' ')).trim() || undefined;
  // One field: its own step shows the value with Decline and Escape, so Enter sends (no second step).
  const reviews = review === 'always' || (review === 'auto' && form.fields.length > 1);
  const total = form.fields.length + (reviews ? 1 : 0);
  // From which field on every field is optional or has a default (the rest can be accepted at once).
  let restFrom = form.fields.length;
  while (restFrom > 0 && (!form.fields[restFrom - 1].required || form.fields[restFrom - 1].default !== undefined)) restFrom--;
  let i = 0;
  try {
    for (;;) {
      while (i < form.fields.length) {
        const f = form.fields[i];
        try {
          const v = await askField(e, f, answers[f.key], {
            title: form.fields.length > 1 || f.title !== 'Value' ? `${title} · ${f.title}${f.required ? '' : ' (optional)'}` : title,
            ...(total > 1 ? { step: i + 1, totalSteps: total } : {}), back: i > 0, declinable: true, signal, ...(context ? { context } : {}),
            skipRest: form.fields.length > 2 && i >= restFrom && i < form.fields.length - 1,
          });
          answers[f.key] = v as Value | undefined;
          i++;
        } catch (err) {
          if (err instanceof Back) { i = Math.max(0, i - 1); continue; }
          if (err instanceof SkipRest) { i = form.fields.length; break; }
          throw err;
        }
      }
      if (!reviews) {
        const r = el.acceptResult(form, answers, { applyDefaults: true });
        if (r.ok) return r.result;
        // Not sendable as it is (a required field left empty): the review says what is missing.
      }
      // Review: every answer, then Accept / Decline. Picking an answer goes back to that field.
      const lines = el.summarize(form, answers);
      // Accept and Decline first: long forms scroll, and these two must always be in view.
      const items: ReviewItem[] = [
        { label: '$(check) Accept and send', action: 'accept', detail: `Send these answers to ${connection}` },
        { label: '$(circle-slash) Decline', action: 'decline', detail: `Tell ${connection} you do not want to answer` },
        { label: 'Answers (choose one to change it)', kind: vscode.QuickPickItemKind.Separator, action: 'edit' },
        ...lines.map((l, index): ReviewItem => ({ label: `$(edit) ${l.title}`, description: l.display, action: 'edit', index })),
      ];
      let chosen: ReviewItem;
      try {
        chosen = await pick({ title: `${title} · Review`, step: total, totalSteps: total, back: form.fields.length > 0, items, placeholder: 'Review your answers: accept, edit one, or decline', signal });
      } catch (err) {
        if (err instanceof Back) { i = Math.max(0, form.fields.length - 1); continue; }
        throw err;
      }
      if (chosen.action === 'decline') return el.declineResult();
      if (chosen.action === 'edit' && chosen.index !== undefined) { i = chosen.index; await editOne(); continue; }
      const r = el.acceptResult(form, answers, { applyDefaults: true });
      if (r.ok) return r.result;
      void vscode.window.showWarningMessage(`Cannot send yet: ${r.problems.join(' ')}`);
      i = 0;
    }
  } catch (err) {
    if (err instanceof Declined) return el.declineResult();
    if (err instanceof Cancelled) return el.cancelResult();
    throw err;
  }

  // Editing from the review asks that one field and returns to the review.
  async function editOne(): Promise<void> {
    const f = form.fields[i];
    try {
      answers[f.key] = await askField(e, f, answers[f.key], { title: `${title} · ${f.title}`, step: i + 1, totalSteps: total, declinable: true, signal, ...(context ? { context } : {}) }) as Value | undefined;
    } catch (err) {
      if (!(err instanceof Back)) throw err;
    }
    i = form.fields.length;
  }
}
