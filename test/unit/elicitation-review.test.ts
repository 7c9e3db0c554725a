import * as assert from 'node:assert';
import {
  acceptResult, applyDefaults, buildForm, cancelResult, declineResult, defaultedKeys, Field, Form, hint, initialChoice,
  initialSelection, initialText, summarize,
} from '../../src/core/elicitation';

function build(properties: Record<string, unknown>, required: string[] = []): Form {
  const r = buildForm({ message: 'Plan your trip', requestedSchema: { type: 'object', properties, required } });
  return r.ok ? r.form : assert.fail(r.reason);
}

// A travel-planner form in the shape of the seed's plan_trip questions, one field of each kind.
const trip = build({
  destination: { type: 'string', title: 'Destination', minLength: 2 },
  days: { type: 'integer', title: 'Days', minimum: 1, maximum: 14, default: 3 },
  budget: { type: 'number', title: 'Budget (USD)', minimum: 0 },
  style: { type: 'string', title: 'Style', oneOf: [{ const: 'relax', title: 'Relaxing' }, { const: 'adventure', title: 'Adventure' }], default: 'relax' },
  activities: { type: 'array', title: 'Activities', items: { anyOf: [{ const: 'food', title: 'Food tours' }, { const: 'museums', title: 'Museums' }, { const: 'hiking', title: 'Hiking' }] }, maxItems: 2 },
  insurance: { type: 'boolean', title: 'Travel insurance', default: false },
  notes: { type: 'string' },
}, ['destination', 'style']);
const field = (key: string): Field => trip.fields.find(f => f.key === key) ?? assert.fail(key);

describe('elicitation defaults', () => {
  it('fills unanswered fields that have defaults, keeps answers, and copies only known keys', () => {
    const answers = { destination: 'Kyoto', insurance: true, notes: undefined };
    assert.deepStrictEqual(applyDefaults(trip, answers), { destination: 'Kyoto', days: 3, style: 'relax', insurance: true });
    assert.deepStrictEqual(defaultedKeys(trip, answers), ['days', 'style']);
    assert.deepStrictEqual(answers, { destination: 'Kyoto', insurance: true, notes: undefined }, 'input unchanged');
  });

  it('does not replace a false, 0 or empty answer by the default', () => {
    const f = build({ n: { type: 'integer', default: 5 }, b: { type: 'boolean', default: true }, s: { type: 'string', default: 'x' } });
    assert.deepStrictEqual(applyDefaults(f, { n: 0, b: false, s: '' }), { n: 0, b: false, s: '' });
  });

  it('pre-fills inputs from the current answer, else the default, else nothing', () => {
    const days = field('days');
    const notes = field('notes');
    assert.ok(days.kind === 'number' && notes.kind === 'text');
    assert.strictEqual(initialText(days), '3');
    assert.strictEqual(initialText(days, { days: 7 }), '7');
    assert.strictEqual(initialText(notes), '');
    const style = field('style');
    const insurance = field('insurance');
    const activities = field('activities');
    assert.ok(style.kind === 'choice' && insurance.kind === 'boolean' && activities.kind === 'multi');
    assert.strictEqual(initialChoice(style), 'relax');
    assert.strictEqual(initialChoice(style, { style: 'adventure' }), 'adventure');
    assert.strictEqual(initialChoice(insurance), false);
    assert.deepStrictEqual(initialSelection(activities), []);
    assert.deepStrictEqual(initialSelection(activities, { activities: ['food'] }), ['food']);
  });
});

describe('elicitation review', () => {
  it('shows labels, Yes/No, joined choices, defaults marked, and skipped fields as (not given)', () => {
    const lines = summarize(trip, { destination: 'Kyoto', budget: 1500.5, activities: ['museums', 'food'], insurance: true, style: undefined });
    assert.deepStrictEqual(lines.map(l => `${l.title}: ${l.display} [${l.source}]`), [
      'Destination: Kyoto [answer]',
      'Days: 3 (default) [default]',
      'Budget (USD): 1500.5 [answer]',
      'Style: Relaxing (default) [default]',
      'Activities: Museums, Food tours [answer]',
      'Travel insurance: Yes [answer]',
      'notes: (not given) [none]',
    ]);
  });

  it('makes an empty string and an empty selection visible', () => {
    const f = build({ s: { type: 'string' }, m: { type: 'array', items: { type: 'string', enum: ['a'] } }, b: { type: 'boolean' } }, ['s']);
    assert.deepStrictEqual(summarize(f, { s: '', m: [], b: false }).map(l => l.display), ['(empty)', '(none)', 'No']);
    assert.deepStrictEqual(summarize(f, {}).map(l => l.display), ['(missing)', '(not given)', '(not given)']);
  });

  it('hints at what each field takes', () => {
    const f = build({
      code: { type: 'string', minLength: 3, maxLength: 3, pattern: '^[A-Z]+$' },
      mail: { type: 'string', format: 'email' },
      n: { type: 'integer', minimum: 1, maximum: 100 },
      x: { type: 'number', minimum: 0 },
      m: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', enum: ['a', 'b', 'c'] } },
      b: { type: 'boolean' },
    }, ['code', 'n', 'b']);
    assert.deepStrictEqual(f.fields.map(hint), [
      '3 characters, matching ^[A-Z]+$',
      'an email address, optional',
      'whole number from 1 to 100',
      'number, at least 0, optional',
      'choose 1 to 3, optional',
      '',
    ]);
  });
});

describe('elicitation results', () => {
  it('accepts with typed content in form order, only answered and defaulted fields', () => {
    const r = acceptResult(trip, { insurance: true, budget: 1500, activities: ['food'], destination: 'Kyoto', notes: undefined }, { applyDefaults: true });
    assert.deepStrictEqual(r, {
      ok: true,
      result: { action: 'accept', content: { destination: 'Kyoto', days: 3, budget: 1500, style: 'relax', activities: ['food'], insurance: true } },
    });
    assert.ok(r.ok);
    assert.deepStrictEqual(Object.keys(r.result.content), ['destination', 'days', 'budget', 'style', 'activities', 'insurance']);
  });

  it('without applyDefaults leaves defaults out (an SDK client declaring applyDefaults fills them), and needs every required answer', () => {
    assert.deepStrictEqual(acceptResult(trip, { destination: 'Kyoto', style: 'adventure' }), { ok: true, result: { action: 'accept', content: { destination: 'Kyoto', style: 'adventure' } } });
    assert.deepStrictEqual(acceptResult(trip, { destination: 'Kyoto' }), { ok: false, problems: ['"style" is required'] });
  });

  it('refuses to build content that breaks the schema', () => {
    assert.deepStrictEqual(acceptResult(trip, { destination: 'K', days: '3', style: 'relax', extra: 1 }), {
      ok: false,
      problems: ['"extra" is not in the requested schema', '"destination": Enter at least 2 characters.', '"days": Expected a number, got the string "3".'],
    });
  });

  it('copies lists, so later edits to the answers do not change what is sent', () => {
    const picked = ['food'];
    const r = acceptResult(trip, { destination: 'Kyoto', style: 'relax', activities: picked });
    picked.push('hiking');
    assert.ok(r.ok);
    assert.deepStrictEqual(r.result.content.activities, ['food']);
  });

  it('has distinct decline and cancel results without content', () => {
    assert.deepStrictEqual(declineResult(), { action: 'decline' });
    assert.deepStrictEqual(cancelResult(), { action: 'cancel' });
  });
});
