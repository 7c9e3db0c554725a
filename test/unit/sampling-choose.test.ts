import * as assert from 'node:assert';
import { chooseModel, findSettingModel, modelClass, type ModelChoice, type ModelInfo } from '../../src/core/sampling';

const copilot = (id: string, name: string, family: string, maxInputTokens = 128_000): ModelInfo =>
  ({ vendor: 'copilot', id, name, family, version: id, maxInputTokens, capabilities: { imageInput: true, toolCalling: true } });

const gpt4o = copilot('gpt-4o', 'GPT-4o', 'gpt-4o');
const gpt4oMini = copilot('gpt-4o-mini', 'GPT-4o mini', 'gpt-4o-mini');
const sonnet = copilot('claude-sonnet-4', 'Claude Sonnet 4', 'claude-sonnet-4', 80_000);
const haiku = copilot('claude-3.5-haiku', 'Claude 3.5 Haiku', 'claude-3.5-haiku');
const flash = copilot('gemini-2.0-flash', 'Gemini 2.0 Flash', 'gemini-2.0-flash-001');
const geminiPro = copilot('gemini-2.5-pro', 'Gemini 2.5 Pro', 'gemini-2.5-pro');
const fake: ModelInfo = { vendor: 'fake-lm', id: 'fake-1', family: 'fake-family', name: 'Fake Model 1', version: '1', maxInputTokens: 8_000 };
const models = [gpt4o, gpt4oMini, sonnet, haiku, flash, fake];

function chosen(c: ModelChoice): { id: string; reason: string } {
  assert.strictEqual(c.kind, 'chosen', JSON.stringify(c));
  return c.kind === 'chosen' ? { id: c.model.id, reason: c.reason } : { id: '', reason: '' };
}
function asked(c: ModelChoice): { ids: string[]; reason: string } {
  assert.strictEqual(c.kind, 'ask', JSON.stringify(c));
  return c.kind === 'ask' ? { ids: c.candidates.map(m => m.id), reason: c.reason } : { ids: [], reason: '' };
}

describe('sampling model choice', () => {
  it('answers none when there are no models', () => {
    assert.deepStrictEqual(chooseModel({ hints: [{ name: 'claude' }] }, []), { kind: 'none' });
  });

  it('takes the first hint that matches anything, as a substring of id, name or family', () => {
    assert.deepStrictEqual(chosen(chooseModel({ hints: [{ name: 'sonnet' }] }, models)), { id: 'claude-sonnet-4', reason: 'hint "sonnet" matched Claude Sonnet 4' });
    // "gpt-5" matches nothing; "haiku" wins although the later "gpt" would match more models.
    assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'gpt-5' }, { name: 'HAIKU' }, { name: 'gpt' }] }, models)).id, 'claude-3.5-haiku');
    assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'fake-family' }] }, models)).id, 'fake-1'); // family
    assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'Fake Model' }] }, models)).id, 'fake-1'); // name
    assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'flash-001' }] }, models)).id, 'gemini-2.0-flash'); // family only
  });

  it('treats ".", "_" and spaces like "-", so the spec\'s "claude-3-5-haiku" finds "claude-3.5-haiku"', () => {
    assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'claude-3-5-haiku' }] }, models)).id, 'claude-3.5-haiku');
    assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'gemini 2.0' }] }, models)).id, 'gemini-2.0-flash');
  });

  it('skips empty and malformed hints', () => {
    const prefs = { hints: [{}, { name: '  ' }, { name: 'mini' }] };
    assert.strictEqual(chosen(chooseModel(prefs, models)).id, 'gpt-4o-mini');
  });

  it('separates several hint matches by the priorities', () => {
    const fast = chosen(chooseModel({ hints: [{ name: 'claude' }], speedPriority: 0.9 }, models));
    assert.deepStrictEqual(fast, {
      id: 'claude-3.5-haiku',
      reason: 'hint "claude" matched 2 models (Claude Sonnet 4, Claude 3.5 Haiku); the priorities (speed 0.9) favour Claude 3.5 Haiku (fast, cheap)',
    });
    assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'claude' }], intelligencePriority: 0.9 }, models)).id, 'claude-sonnet-4');
  });

  it('without priorities prefers an exact match, then the setting, then the first listed', () => {
    assert.deepStrictEqual(chosen(chooseModel({ hints: [{ name: 'gpt-4o' }] }, models)),
      { id: 'gpt-4o', reason: 'hint "gpt-4o" matched 2 models (GPT-4o, GPT-4o mini); GPT-4o matches exactly' });
    assert.deepStrictEqual(chosen(chooseModel({ hints: [{ name: 'claude' }] }, models, 'copilot/claude-3.5-haiku')),
      { id: 'claude-3.5-haiku', reason: 'hint "claude" matched 2 models (Claude Sonnet 4, Claude 3.5 Haiku); setting agentcoreMcp.sampling.model picks Claude 3.5 Haiku' });
    assert.deepStrictEqual(chosen(chooseModel({ hints: [{ name: 'claude' }] }, models)),
      { id: 'claude-sonnet-4', reason: 'hint "claude" matched 2 models (Claude Sonnet 4, Claude 3.5 Haiku); chose the first listed, Claude Sonnet 4' });
  });

  it('uses the setting when no hint matches: vendor/id, id, family or name', () => {
    assert.deepStrictEqual(chosen(chooseModel(undefined, models, 'copilot/gpt-4o-mini')),
      { id: 'gpt-4o-mini', reason: 'setting agentcoreMcp.sampling.model ("copilot/gpt-4o-mini") names GPT-4o mini' });
    assert.strictEqual(chosen(chooseModel(undefined, models, 'fake-1')).id, 'fake-1');
    assert.strictEqual(chosen(chooseModel(undefined, models, 'gemini-2.0-flash-001')).id, 'gemini-2.0-flash');
    assert.strictEqual(chosen(chooseModel(undefined, models, ' claude sonnet 4 ')).id, 'claude-sonnet-4');
    assert.deepStrictEqual(chosen(chooseModel({ hints: [{ name: 'llama' }], speedPriority: 1 }, models, 'fake-family')),
      { id: 'fake-1', reason: 'no model matches the hints "llama"; setting agentcoreMcp.sampling.model ("fake-family") names Fake Model 1' });
    assert.strictEqual(findSettingModel('nope', models), undefined);
    assert.strictEqual(findSettingModel('', models), undefined);
  });

  it('chooses by priorities only when they lean clearly and one model is best for that', () => {
    // The spec's example (cost 0.3, speed 0.8, intelligence 0.5) leans to fast: the one small model wins.
    const spec = { costPriority: 0.3, speedPriority: 0.8, intelligencePriority: 0.5 };
    assert.deepStrictEqual(chosen(chooseModel(spec, [gpt4o, gpt4oMini, sonnet])),
      { id: 'gpt-4o-mini', reason: 'the priorities (intelligence 0.5, speed 0.8, cost 0.3) favour GPT-4o mini (fast, cheap)' });
    assert.strictEqual(chosen(chooseModel({ intelligencePriority: 1 }, [...models, geminiPro])).id, 'gemini-2.5-pro');
    // No large model: the best class left is medium, which holds one model here.
    assert.strictEqual(chosen(chooseModel({ intelligencePriority: 1, costPriority: 0.2 }, [gpt4oMini, sonnet, haiku])).id, 'claude-sonnet-4');
  });

  it('asks, most fitting first, when the priorities fit several models', () => {
    const fast = asked(chooseModel({ speedPriority: 1 }, models));
    assert.deepStrictEqual(fast.ids, ['gpt-4o-mini', 'claude-3.5-haiku', 'gemini-2.0-flash', 'gpt-4o', 'claude-sonnet-4', 'fake-1']);
    assert.strictEqual(fast.reason, 'the priorities (speed 1) fit several models equally');
    // Capable: medium before small; within a class the larger context window first (a weak signal).
    const capable = asked(chooseModel({ intelligencePriority: 0.9 }, models));
    assert.deepStrictEqual(capable.ids, ['gpt-4o', 'claude-sonnet-4', 'fake-1', 'gpt-4o-mini', 'claude-3.5-haiku', 'gemini-2.0-flash']);
  });

  it('asks in list order when priorities are missing, zero or balanced, and says why', () => {
    assert.deepStrictEqual(asked(chooseModel(undefined, models)), { ids: models.map(m => m.id), reason: 'no priorities given' });
    assert.strictEqual(asked(chooseModel({ costPriority: 0, speedPriority: 0 }, models)).reason, 'no priorities given');
    assert.deepStrictEqual(asked(chooseModel({ costPriority: 0.5, speedPriority: 0.5, intelligencePriority: 0.5 }, models)),
      { ids: models.map(m => m.id), reason: 'the priorities (intelligence 0.5, speed 0.5, cost 0.5) lean no clear way' });
    assert.strictEqual(asked(chooseModel({ hints: [{ name: 'llama' }] }, models, 'gpt-9')).reason,
      'no model matches the hints "llama"; setting agentcoreMcp.sampling.model ("gpt-9") names no available model; no priorities given');
  });

  it('clamps priorities outside 0..1 and ignores ones that are not numbers', () => {
    const prefs = { speedPriority: 7, intelligencePriority: 'high' } as unknown as Parameters<typeof chooseModel>[0];
    assert.strictEqual(asked(chooseModel(prefs, models)).reason, 'the priorities (speed 1) fit several models equally');
  });

  it('takes the only model there is without asking', () => {
    assert.deepStrictEqual(chosen(chooseModel({ hints: [{ name: 'claude' }] }, [fake])),
      { id: 'fake-1', reason: 'no model matches the hints "claude"; Fake Model 1 is the only available model' });
  });

  describe('a request that carries images', () => {
    const text = (id: string, name: string, family: string): ModelInfo => ({ ...copilot(id, name, family), capabilities: { imageInput: false } });
    const sonnetText = text('claude-sonnet-4-text', 'Claude Sonnet 4 (text)', 'claude-sonnet-4');
    const fakeVision: ModelInfo = { ...fake, id: 'fake-vision', name: 'Fake Model Vision', family: 'fake-vision', capabilities: { imageInput: true } };

    it('prefers, among a hint\'s matches, the ones that take images', () => {
      const c = chosen(chooseModel({ hints: [{ name: 'claude-sonnet' }] }, [sonnetText, sonnet], undefined, { images: true }));
      assert.strictEqual(c.id, 'claude-sonnet-4');
      assert.match(c.reason, /matched 2 models \(Claude Sonnet 4 \(text\), Claude Sonnet 4\); the request carries images and only Claude Sonnet 4 takes them$/);
      // Without images the first listed match stands.
      assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'claude-sonnet' }] }, [sonnetText, sonnet])).id, 'claude-sonnet-4-text');
    });

    it('keeps a single hint match and the setting even when they take no images: those are explicit', () => {
      assert.strictEqual(chosen(chooseModel({ hints: [{ name: 'fake-1' }] }, [fake, fakeVision], undefined, { images: true })).id, 'fake-1');
      assert.strictEqual(chosen(chooseModel(undefined, [fake, fakeVision], 'fake-lm/fake-1', { images: true })).id, 'fake-1');
    });

    it('takes the only model that takes images without asking, and lists image models first when asking', () => {
      assert.deepStrictEqual(chosen(chooseModel(undefined, [fake, fakeVision], undefined, { images: true })),
        { id: 'fake-vision', reason: 'the request carries images and Fake Model Vision is the only model that takes them' });
      const a = asked(chooseModel(undefined, [fake, sonnetText, gpt4o, sonnet], undefined, { images: true }));
      assert.deepStrictEqual(a.ids, ['gpt-4o', 'claude-sonnet-4', 'fake-1', 'claude-sonnet-4-text']);
      assert.match(a.reason, /the models that take images, which the request carries, come first$/);
      // Without images: asked, in the order given.
      assert.deepStrictEqual(asked(chooseModel(undefined, [fake, fakeVision])).ids, ['fake-1', 'fake-vision']);
    });

    it('applies the priorities among the models that take images', () => {
      const c = chosen(chooseModel({ speedPriority: 1 }, [text('gpt-4o-mini-text', 'GPT-4o mini (text)', 'gpt-4o-mini'), gpt4o, haiku], undefined, { images: true }));
      assert.strictEqual(c.id, 'claude-3.5-haiku');
      assert.match(c.reason, /^among the models that take images, the priorities \(speed 1\) favour Claude 3\.5 Haiku/);
    });
  });

  it('classes models by words in id, name and family', () => {
    const cls = (id: string, name = id, family = id) => modelClass({ vendor: 'v', id, name, family });
    assert.deepStrictEqual(
      ['gpt-4o-mini', 'gpt-4.1-nano', 'claude-3.5-haiku', 'gemini-2.0-flash', 'o4-mini', 'gpt-4o', 'claude-sonnet-4', 'claude-opus-4', 'gemini-2.5-pro', 'gpt-5.1-codex-max', 'fake-1', 'minimax-m1', 'improve'].map(id => cls(id)),
      ['small', 'small', 'small', 'small', 'small', 'medium', 'medium', 'large', 'large', 'large', 'medium', 'medium', 'medium'],
    );
    assert.strictEqual(cls('x', 'Grok Code Fast 1'), 'small');
    assert.strictEqual(cls('flash-pro'), 'medium'); // words of both kinds
  });
});
