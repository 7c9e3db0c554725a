// Server log messages (notifications/message) are shown as they come, up to a rate: a server that sends
// thousands a second would otherwise fill the log and keep the host busy writing it. Beyond the rate they
// are counted, and one line says how many were left out; a very long message is cut.

import type { HostLogLevel } from './host';

export const MAX_LINES_PER_SECOND = 200;
export const MAX_LINE_CHARS = 10_000;

const serverLevel: Record<string, HostLogLevel> = {
  debug: 'debug', info: 'info', notice: 'info', warning: 'warn', error: 'error', critical: 'error', alert: 'error', emergency: 'error',
};

export class LogFlood {
  private windowStart = 0;
  private shown = 0;
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly write: (level: HostLogLevel, line: string) => void, private readonly now: () => number = Date.now) {}

  /** Shows `line` (cut to MAX_LINE_CHARS) unless this second's share is used up. */
  add(level: HostLogLevel, line: string): void {
    const t = this.now();
    if (t - this.windowStart >= 1000) this.flush(t);
    if (this.shown >= MAX_LINES_PER_SECOND) {
      this.dropped++;
      this.timer ??= setTimeout(() => { this.timer = undefined; this.flush(this.now()); }, 1000);
      this.timer.unref?.();
      return;
    }
    this.shown++;
    this.write(level, line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… (${line.length - MAX_LINE_CHARS} more characters)` : line);
  }

  /** A notifications/message of the server, as a log line. */
  message(level: string, logger: string | undefined, data: unknown): void {
    this.add(serverLevel[level] ?? 'info', `[server${logger ? ` ${logger}` : ''}] ${typeof data === 'string' ? data : JSON.stringify(data)}`);
  }

  /** Something the SDK dropped (its onerror): a malformed message at warn; transport hiccups it recovers
   *  from by itself (a stream it reopens) at debug. */
  ignored(e: Error): void {
    const text = (e?.message ?? String(e)).slice(0, 300);
    const malformed = e instanceof SyntaxError || /unknown message ID|JSON|invalid|parse|Unrecognized|expected/i.test(text);
    this.add(malformed ? 'warn' : 'debug', malformed ? `Ignored what the server sent: ${text}` : `Transport: ${text}`);
  }

  private flush(t: number): void {
    if (this.dropped) this.write('warn', `${this.dropped} server log messages in one second were not shown: the server sends more than ${MAX_LINES_PER_SECOND} a second.`);
    this.dropped = 0;
    this.shown = 0;
    this.windowStart = t;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flush(this.now());
  }
}
