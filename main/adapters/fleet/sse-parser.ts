/**
 * A server-sent-events parser with a bound on one message's size: a message larger than the
 * bound is skipped up to its end and reported, so a broken or hostile peer cannot grow the
 * watcher's memory. Hand-written (about 80 lines) because the parsers on npm buffer a message
 * without limit and would need the same guard wrapped around them.
 */

/** One dispatched message. */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
  /** The message's `id:` (undefined when it had none). */
  readonly id: string | undefined;
}

/** Callbacks of the parser. */
export interface SseParserHandlers {
  onMessage(message: SseMessage): void;
  /** A comment line (heartbeat). */
  onComment?(text: string): void;
  /** A message was larger than the bound and dropped. */
  onOversize?(bytes: number): void;
}

/** Creates a parser; feed it decoded text as it arrives. */
export function createSseParser(
  handlers: SseParserHandlers,
  maxMessageChars: number,
): { feed(text: string): void } {
  let partial = '';
  let event = '';
  let data: string[] = [];
  let dataChars = 0;
  let id: string | undefined;
  let skipping = false;
  let skippedChars = 0;

  const reset = (): void => {
    event = '';
    data = [];
    dataChars = 0;
    id = undefined;
  };
  const oversize = (): void => {
    skipping = true;
    skippedChars += partial.length + dataChars;
    partial = '';
    reset();
  };
  const line = (text: string): void => {
    if (text === '') {
      if (skipping) {
        handlers.onOversize?.(skippedChars);
        skipping = false;
        skippedChars = 0;
      } else if (data.length > 0 || event !== '') {
        handlers.onMessage({ event: event || 'message', data: data.join('\n'), id });
      }
      reset();
      return;
    }
    if (skipping) {
      skippedChars += text.length;
      return;
    }
    if (text.startsWith(':')) {
      handlers.onComment?.(text.slice(1).trim());
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      data.push(value);
      dataChars += value.length;
    } else if (field === 'id' && !value.includes('\0')) id = value;
    if (dataChars > maxMessageChars) oversize();
  };

  return {
    feed(text) {
      partial += text;
      let nl: number;
      while ((nl = partial.indexOf('\n')) !== -1) {
        const l = partial.slice(0, nl);
        partial = partial.slice(nl + 1);
        line(l.endsWith('\r') ? l.slice(0, -1) : l);
      }
      if (partial.length + dataChars > maxMessageChars) {
        if (skipping) {
          skippedChars += partial.length;
          partial = '';
        } else {
          oversize();
        }
      }
    },
  };
}
