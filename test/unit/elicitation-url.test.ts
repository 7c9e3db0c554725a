import * as assert from 'node:assert';
import { domainToASCII } from 'node:url';
import { describeUrl, parseElicitRequest, PendingUrlElicitations, UrlDescription } from '../../src/core/elicitation';

function described(url: string): UrlDescription {
  const r = describeUrl(url);
  return r.ok ? r : assert.fail(`refused: ${r.reason}`);
}
function reason(url: string): string {
  const r = describeUrl(url);
  return r.ok ? assert.fail(`accepted: ${r.url}`) : r.reason;
}

describe('elicitation URL mode: describeUrl', () => {
  it('describes the spec\'s example URL with the domain split out and no warnings', () => {
    assert.deepStrictEqual(describeUrl('https://mcp.example.com/ui/set_api_key'), {
      ok: true, url: 'https://mcp.example.com/ui/set_api_key', scheme: 'https', host: 'mcp.example.com', hostUnicode: 'mcp.example.com',
      isPunycode: false, mixedScripts: false, isHttps: true, isIpLiteral: false,
      display: { before: 'https://', domain: 'mcp.example.com', after: '/ui/set_api_key' }, warnings: [],
    });
  });

  it('shows the URL that will be opened, normalised, and the pieces add up to it', () => {
    for (const u of ['HTTPS://Example.COM:443/Path?q=a b'.replace(' ', '%20'), 'http://127.0.0.1:8080/cb?x=1#frag', 'https://[::1]:3000/', 'https://accounts.google.com.evil.example/login']) {
      const d = described(u);
      assert.strictEqual(d.display.before + d.display.domain + d.display.after, d.url, u);
    }
    assert.strictEqual(described('HTTPS://Example.COM:443/Path').url, 'https://example.com/Path');
    assert.deepStrictEqual(described('https://accounts.google.com.evil.example/login').display, { before: 'https://', domain: 'accounts.google.com.evil.example', after: '/login' });
  });

  it('decodes punycode and warns: xn--80ak6aa92e.com is Cyrillic "аррӏе.com", not apple.com', () => {
    const d = described('https://xn--80ak6aa92e.com/login');
    assert.deepStrictEqual([d.host, d.hostUnicode, d.isPunycode, d.mixedScripts], ['xn--80ak6aa92e.com', 'аррӏе.com', true, false]);
    assert.notStrictEqual(d.hostUnicode, 'apple.com');
    assert.deepStrictEqual(d.warnings, [
      'The domain xn--80ak6aa92e.com is an international name that reads as аррӏе.com. Check that it is the site you expect: letters from other alphabets can look like familiar ones.',
    ]);
  });

  it('flags a Latin name with one Cyrillic letter as mixed scripts, whether given in Unicode or punycode', () => {
    const spoof = 'p\u0430ypal.com'; // Cyrillic "а" (U+0430)
    assert.strictEqual(domainToASCII(spoof), 'xn--pypal-4ve.com');
    for (const u of [`https://${spoof}/signin`, 'https://xn--pypal-4ve.com/signin']) {
      const d = described(u);
      assert.deepStrictEqual([d.url, d.hostUnicode, d.isPunycode, d.mixedScripts], ['https://xn--pypal-4ve.com/signin', spoof, true, true]);
      assert.strictEqual(d.warnings[0], 'The domain mixes alphabets (Latin and Cyrillic) in one name, a common way to imitate another site.');
    }
  });

  it('does not call ordinary international names mixed: German, Japanese', () => {
    assert.deepStrictEqual([described('https://münchen.de').mixedScripts, described('https://münchen.de').hostUnicode], [false, 'münchen.de']);
    const jp = described('https://東京タワー.jp/');
    assert.deepStrictEqual([jp.host, jp.hostUnicode, jp.isPunycode, jp.mixedScripts], ['xn--5ck2eqb538s34z.jp', '東京タワー.jp', true, false]);
  });

  it('flags http and IP-literal hosts, including IPv4 written in hex', () => {
    const d = described('http://0x7f.1/callback');
    assert.deepStrictEqual([d.url, d.host, d.isHttps, d.isIpLiteral, d.scheme], ['http://127.0.0.1/callback', '127.0.0.1', false, true, 'http']);
    assert.deepStrictEqual(d.warnings, ['The link goes to an IP address (127.0.0.1), not a domain name.', 'The link uses http, not https: the connection is not encrypted.']);
    assert.strictEqual(described('https://[2001:db8::1]/').isIpLiteral, true);
    assert.strictEqual(described('https://1.2.3.4.example.com/').isIpLiteral, false);
  });

  it('refuses schemes other than http(s), credentials, and text that could display differently', () => {
    assert.strictEqual(reason('javascript:alert(1)'), 'only http and https links can be opened; this link uses javascript:');
    assert.strictEqual(reason('file:///etc/passwd'), 'only http and https links can be opened; this link uses file:');
    assert.strictEqual(reason('data:text/html,<script>alert(1)</script>'), 'only http and https links can be opened; this link uses data:');
    assert.strictEqual(reason('vscode://ms-python.python/x'), 'only http and https links can be opened; this link uses vscode:');
    assert.strictEqual(reason('https://user:pass@example.com/'), 'the URL contains a user name or password before the host name (…@example.com), a common way to disguise the real site');
    assert.strictEqual(reason('https://google.com@evil.example/'), 'the URL contains a user name or password before the host name (…@evil.example), a common way to disguise the real site');
    assert.strictEqual(reason('https://exa\nmple.com/'), 'the URL contains spaces or control characters, so what is shown may not be what opens');
    assert.strictEqual(reason(' https://example.com'), 'the URL contains spaces or control characters, so what is shown may not be what opens');
    assert.strictEqual(reason('https://example.com/\u202Efdp.exe'), 'the URL contains invisible or text-direction characters, which can disguise where it leads');
    assert.strictEqual(reason('example.com/login'), '"example.com/login" is not a valid absolute URL');
    assert.strictEqual(reason(''), 'no URL was given');
    assert.strictEqual(reason(42 as unknown as string), 'no URL was given');
  });
});

describe('elicitation URL mode: completion tracking', () => {
  it('completes a pending id once and ignores unknown or finished ids, as the spec requires', () => {
    const pending = new PendingUrlElicitations();
    const done: string[] = [];
    pending.add('550e8400-e29b-41d4-a716-446655440000', () => done.push('a'));
    pending.add('other');
    assert.strictEqual(pending.complete('unknown'), false);
    assert.strictEqual(pending.complete(undefined), false);
    assert.strictEqual(pending.complete('550e8400-e29b-41d4-a716-446655440000'), true);
    assert.strictEqual(pending.complete('550e8400-e29b-41d4-a716-446655440000'), false);
    assert.deepStrictEqual(done, ['a']);
    pending.forget('other');
    assert.deepStrictEqual([pending.has('other'), pending.size, pending.complete('other')], [false, 0, false]);
  });
});

describe('elicitation parseElicitRequest', () => {
  it('treats a missing mode as form mode', () => {
    const r = parseElicitRequest({ message: 'Your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } });
    assert.ok(r.ok && r.mode === 'form');
    assert.deepStrictEqual(r.form.fields.map(f => f.key), ['name']);
  });

  it('reads URL mode with its id and a described link', () => {
    const r = parseElicitRequest({ mode: 'url', elicitationId: 'e-1', url: 'https://mcp.example.com/connect?elicitationId=e-1', message: 'Authorize access.' });
    assert.ok(r.ok && r.mode === 'url');
    assert.deepStrictEqual([r.message, r.elicitationId, r.link.display.domain, r.link.display.after], ['Authorize access.', 'e-1', 'mcp.example.com', '/connect?elicitationId=e-1']);
  });

  it('says why it cannot use a request', () => {
    assert.deepStrictEqual(parseElicitRequest({ mode: 'url', elicitationId: 'e', url: 'javascript:alert(1)', message: 'm' }), {
      ok: false, mode: 'url', reason: 'only http and https links can be opened; this link uses javascript:',
    });
    assert.deepStrictEqual(parseElicitRequest({ mode: 'url', url: 'https://x.example', message: 'm' }), { ok: false, mode: 'url', reason: '"elicitationId" must be a non-empty string, got undefined' });
    assert.deepStrictEqual(parseElicitRequest({ mode: 'chat', message: 'm' }), { ok: false, mode: 'unknown', reason: 'unknown elicitation mode "chat" (expected "form" or "url")' });
    assert.deepStrictEqual(parseElicitRequest({ mode: 'form', message: 'm', requestedSchema: { type: 'object', properties: { a: { type: 'object' } } } }), {
      ok: false, mode: 'form', reason: 'property "a": nested objects are not supported; form mode allows only flat primitive properties',
    });
    assert.deepStrictEqual(parseElicitRequest(null), { ok: false, mode: 'unknown', reason: 'the request has no params object' });
  });
});
