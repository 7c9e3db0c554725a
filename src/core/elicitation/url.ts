// URL-mode elicitation: what to show before asking consent to open a link, and completion tracking.
// Spec: https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation#safe-url-handling
// Clients MUST NOT pre-fetch the URL, MUST NOT open it without explicit consent, MUST show the full URL, SHOULD
// highlight the domain (subdomain spoofing) and SHOULD warn about ambiguous URLs such as punycode.
// Nothing here fetches or resolves anything: it only parses the string.
import { domainToUnicode } from 'node:url';

export interface UrlDescription {
  readonly ok: true;
  /** The normalised URL (WHATWG `href`): exactly what will be opened, host in ASCII/punycode. */
  readonly url: string;
  readonly scheme: 'http' | 'https';
  /** Host name as opened (ASCII, punycode for international names; IPv6 in brackets). No port. */
  readonly host: string;
  /** The same host as a person reads it (punycode decoded). Equal to `host` for plain ASCII names. */
  readonly hostUnicode: string;
  /** Some label of the host is punycode (`xn--`): the name has non-ASCII letters that may imitate another. */
  readonly isPunycode: boolean;
  /** Some label mixes letters of different scripts (e.g. Latin "p" with Cyrillic "а"), beyond CJK mixes. */
  readonly mixedScripts: boolean;
  readonly isHttps: boolean;
  /** The host is an IPv4 or IPv6 address rather than a name. */
  readonly isIpLiteral: boolean;
  /** `before + domain + after === url`; render `domain` emphasised. */
  readonly display: { readonly before: string; readonly domain: string; readonly after: string };
  /** Sentences for the person, one per concern, in order of importance. Empty for a plain https name. */
  readonly warnings: readonly string[];
}

export type UrlCheck = UrlDescription | { readonly ok: false; readonly reason: string };

// C0/C1 controls and spaces: the WHATWG parser silently drops tabs/newlines and trims spaces, so what would be
// opened could differ from what was shown. Bidi and zero-width characters can reorder or hide parts of the text.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** Checks a URL from a URL-mode request and describes it for a consent prompt. Never throws. */
export function describeUrl(url: string): UrlCheck {
  if (typeof url !== 'string' || url === '') return { ok: false, reason: 'no URL was given' };
  if (CONTROL_OR_SPACE.test(url)) return { ok: false, reason: 'the URL contains spaces or control characters, so what is shown may not be what opens' };
  if (INVISIBLE.test(url)) return { ok: false, reason: 'the URL contains invisible or text-direction characters, which can disguise where it leads' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: `"${url.length > 80 ? `${url.slice(0, 77)}...` : url}" is not a valid absolute URL` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { ok: false, reason: `only http and https links can be opened; this link uses ${u.protocol}` };
  }
  if (u.username !== '' || u.password !== '') {
    return { ok: false, reason: `the URL contains a user name or password before the host name (…@${u.hostname}), a common way to disguise the real site` };
  }
  const host = u.hostname;
  const prefix = `${u.protocol}//`;
  if (!u.href.startsWith(prefix + host)) return { ok: false, reason: 'the URL could not be split into scheme, host and path' };
  const isPunycode = host.split('.').some(l => l.startsWith('xn--'));
  const hostUnicode = (isPunycode && safeToUnicode(host)) || host;
  const isIpLiteral = host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
  const mixed = mixedScriptLabel(hostUnicode);
  const isHttps = u.protocol === 'https:';
  const warnings: string[] = [];
  if (mixed) warnings.push(`The domain mixes alphabets (${mixed.join(' and ')}) in one name, a common way to imitate another site.`);
  if (isPunycode) warnings.push(`The domain ${host} is an international name that reads as ${hostUnicode}. Check that it is the site you expect: letters from other alphabets can look like familiar ones.`);
  if (isIpLiteral) warnings.push(`The link goes to an IP address (${host}), not a domain name.`);
  if (!isHttps) warnings.push('The link uses http, not https: the connection is not encrypted.');
  return {
    ok: true,
    url: u.href,
    scheme: isHttps ? 'https' : 'http',
    host,
    hostUnicode,
    isPunycode,
    mixedScripts: mixed !== undefined,
    isHttps,
    isIpLiteral,
    display: { before: prefix, domain: host, after: u.href.slice(prefix.length + host.length) },
    warnings,
  };
}

function safeToUnicode(host: string): string {
  try {
    return domainToUnicode(host);
  } catch {
    return '';
  }
}

// Scripts a spoofer is likely to mix with Latin. A letter in none of these counts as "another script".
const SCRIPTS: readonly [string, RegExp][] = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Cherokee', 'Devanagari', 'Bengali',
  'Thai', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo',
].map(s => [s, new RegExp(`^\\p{Script=${s}}$`, 'u')] as [string, RegExp]);
const COMMON = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
// Mixes that are normal for a language (Unicode TS #39 "Highly Restrictive" profile): Japanese, Chinese, Korean.
const ALLOWED_MIXES: readonly string[][] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

/** The scripts of the first host label that mixes scripts in a suspicious way, or undefined. */
function mixedScriptLabel(host: string): string[] | undefined {
  for (const label of host.split('.')) {
    const scripts = new Set<string>();
    for (const ch of label) {
      if (COMMON.test(ch)) continue;
      scripts.add(SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'another script');
    }
    if (scripts.size > 1 && !ALLOWED_MIXES.some(mix => [...scripts].every(s => mix.includes(s)))) return [...scripts];
  }
  return undefined;
}

/**
 * Tracks URL-mode elicitations that were accepted and are waiting for `notifications/elicitation/complete`.
 * The spec: clients MUST ignore notifications with unknown or already-completed ids, and SHOULD still let the
 * person retry or cancel if the notification never arrives (so nothing here waits on its own).
 */
export class PendingUrlElicitations {
  private readonly pending = new Map<string, () => void>();

  /** Starts waiting for `elicitationId`; `onComplete` runs at most once, when the notification arrives. */
  add(elicitationId: string, onComplete: () => void = () => undefined): void {
    this.pending.set(elicitationId, onComplete);
  }

  /** Handles a completion notification. Returns false (and does nothing) for unknown or finished ids. */
  complete(elicitationId: unknown): boolean {
    if (typeof elicitationId !== 'string') return false;
    const done = this.pending.get(elicitationId);
    if (!done) return false;
    this.pending.delete(elicitationId);
    done();
    return true;
  }

  /** Stops waiting (the person cancelled, or the connection closed). */
  forget(elicitationId: string): void {
    this.pending.delete(elicitationId);
  }

  has(elicitationId: string): boolean {
    return this.pending.has(elicitationId);
  }

  get size(): number {
    return this.pending.size;
  }
}
