// Which header names carry credentials: their values go to secret storage (or, on the command line, through
// the engine's secret path) and are redacted wherever shown; settings keep only their names.
export const looksSecret = (name: string): boolean => /authorization|cookie|api[-_]?key|token|secret|passw(or)?d|credential|session/i.test(name);
