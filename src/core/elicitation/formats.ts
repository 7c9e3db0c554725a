// Checks for the four string formats the spec allows, string length, and `pattern`.
// Spec: https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation#requested-schema
// ("Supported formats: email, uri, date, date-time"). The formats mean what JSON Schema 2020-12 says they mean
// (Validation §7.3): email = RFC 5321 mailbox, uri = RFC 3986 absolute URI, date / date-time = RFC 3339 §5.6.
//
// Each check here accepts a subset of what the TypeScript SDK's server accepts: `Server.elicitInput` validates
// `content` with Ajv + ajv-formats in "full" mode, so a value we let through is never bounced by such a server.
// The unit tests cross-check against that Ajv set-up.
import { testRegExp } from '../util/pattern';

export { PATTERN_BUDGET_MS } from '../util/pattern';

/**
 * The length of a string as JSON Schema counts it: Unicode code points (Validation §6.3.1 refers to RFC 8259
 * characters), which is what Ajv and Python's jsonschema count too. `"é".length` is 1 but `"😀".length` is 2 in
 * UTF-16; both are 1 here. A flag emoji (two regional indicators) or a ZWJ family counts as 2 or more: that is
 * what servers will count, so the person is told the same number the server enforces.
 */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Compiles a schema `pattern`. JSON Schema says patterns are ECMA-262 regular expressions; we compile with the
 * `u` flag as Ajv does (JSON Schema 2020-12 expects Unicode semantics), so a pattern that only works without
 * `u` (e.g. `\-` outside a class) is refused up front instead of failing later on the server.
 * A pattern is NOT implicitly anchored: "[0-9]" matches "a1b"; servers must write ^...$ to match the whole value.
 */
export function compilePattern(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern, 'u');
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Tests a value against an already-validated pattern (search semantics, like JSON Schema); 'slow' when the
 *  check ran out of time (the value is then not judged here: the server still checks it). */
export function testPattern(pattern: string, value: string): boolean | 'slow' {
  const re = compilePattern(pattern);
  if (typeof re === 'string') return false;
  return testRegExp(re, value);
}

/** Tests a value against an already-validated pattern; a check that ran out of time counts as a match. */
export function matchesPattern(pattern: string, value: string): boolean {
  return testPattern(pattern, value) !== false;
}

// RFC 5321 mailbox with a dot-atom local part and a DNS domain of at least two labels (ASCII only: non-ASCII
// addresses are the separate `idn-email` format). Quoted local parts and IP-literal domains are refused,
// which keeps this a strict subset of ajv-formats' full `email`.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`);

export function isEmail(s: string): boolean {
  return s.length <= 320 && EMAIL.test(s);
}

// RFC 3986 §3 / §4.3 absolute URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ], ASCII only, any
// non-URI character percent-encoded. The authority (after "//") is checked piece by piece: userinfo@, a host
// (reg-name, IPv4 or [IPv6]), and a numeric port.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const PCHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
const PATH = new RegExp(`^(?:${PCHAR}|/)*$`);
const QUERY = new RegExp(`^(?:${PCHAR}|[/?])*$`);
const USERINFO = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*$/;
const REG_NAME = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

export function isAbsoluteUri(s: string): boolean {
  const scheme = SCHEME.exec(s);
  if (!scheme) return false;
  let rest = s.slice(scheme[0].length);
  for (const mark of ['#', '?']) {
    const at = rest.indexOf(mark);
    if (at < 0) continue;
    if (!QUERY.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  if (!rest.startsWith('//')) return rest !== '' && PATH.test(rest); // path-absolute or path-rootless
  const afterSlashes = rest.slice(2);
  const slash = afterSlashes.indexOf('/');
  const authority = slash < 0 ? afterSlashes : afterSlashes.slice(0, slash);
  if (slash >= 0 && !PATH.test(afterSlashes.slice(slash))) return false;
  const at = authority.lastIndexOf('@');
  if (at >= 0 && !USERINFO.test(authority.slice(0, at))) return false;
  const m = /^(\[[^\]]*\]|[^:]*)(?::[0-9]*)?$/.exec(authority.slice(at + 1));
  if (!m) return false;
  return m[1].startsWith('[') ? isIpv6(m[1].slice(1, -1)) : REG_NAME.test(m[1]);
}

function isIpv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  try {
    return new URL(`http://[${s}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

export type DateCheck = 'ok' | 'shape' | 'calendar';

/** RFC 3339 full-date (YYYY-MM-DD), a real day of the proleptic Gregorian calendar: 2026-02-30 is refused. */
export function checkDate(s: string): DateCheck {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return 'shape';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return 'calendar';
  const last = mo === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[mo - 1];
  return d <= last ? 'ok' : 'calendar';
}

/**
 * RFC 3339 §5.6 date-time: full-date "T" partial-time time-offset, e.g. 2026-05-01T09:30:00Z or
 * 2026-05-01T09:30:00.5+02:00. Seconds and the offset are required (a time without an offset is not an
 * instant). "t"/"z" in lower case are allowed by the RFC; the space separator (an RFC note, by mutual
 * agreement only) and leap second 60 are not accepted.
 */
export function checkDateTime(s: string): DateCheck {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(s);
  if (!m) return 'shape';
  const date = checkDate(m[1]);
  if (date !== 'ok') return date;
  const [h, mi, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (h > 23 || mi > 59 || sec > 59) return 'calendar';
  if (m[5] !== undefined && (Number(m[5]) > 23 || Number(m[6]) > 59)) return 'calendar';
  return 'ok';
}
