/**
 * An API key anywhere in a log line: `phl_<keyId>_<secret>`, also percent-encoded (`phl%5F…`)
 * as it appears in a logged URL, in any case. The whole token goes, key id included: the rule
 * is "no key in a log", and a half-kept key is still a lead.
 */
const API_KEY = /phl(?:_|%5f)[A-Za-z0-9_%-]*/gi;

export const REDACTED_KEY = 'phl_[REDACTED]';

/**
 * Applied to every serialised log line (pino's streamWrite hook), so a key is removed wherever
 * it was: the Authorization header, another header, the query string, a body quoted in an
 * error message. The replacement holds no quote or backslash, so the JSON line stays valid.
 */
export function redactApiKeys(line: string): string {
  return line.replace(API_KEY, REDACTED_KEY);
}
