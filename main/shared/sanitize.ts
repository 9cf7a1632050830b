/**
 * Hostile text made harmless: control characters out of anything that reaches a terminal, an
 * email body or a log (display name, rule and check names, process names), and credentials out of
 * process command lines before they are shown or pushed to any client.
 */

/**
 * C0 controls (CR, LF, ESC, …), DEL, C1 controls, and the Unicode line/paragraph separators and
 * bidirectional overrides that can reorder or split a line on a terminal or in a mail client.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Whether `text` holds a control character that {@link escapeControl} would escape. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/**
 * Escapes every control character as visible `\xNN` / `\uNNNN` text, so an ESC sequence or a
 * CR/LF in a name can neither drive a terminal, forge a log line, nor inject an email header.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const MASK = '***';

/** Argument and variable names whose values are secrets. */
const SECRET_NAME =
  /(?:pass(?:word|wd|phrase)?|pwd|secret|token|auth|credential|api[-_]?key|access[-_]?key|private[-_]?key|session|cookie)/i;

/**
 * A command line fit to show: credentials in URLs (`scheme://user:PASSWORD@`), `--password=…`
 * and `--password …` style arguments, and `KEY=value` secrets (`MYSQL_PWD=…`, `API_TOKEN=…`)
 * are masked, and control characters escaped. Give the argument vector when it is known (Linux
 * `/proc/PID/cmdline`), so an argument holding spaces is masked whole.
 */
export function sanitizeCommand(command: string | readonly string[]): string {
  const args = typeof command === 'string' ? command.split(' ') : command;
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const prev = args[i - 1] ?? '';
    // `--password VALUE`, `-p VALUE` after a secret-named flag without `=`.
    if (/^--?[\w.-]+$/.test(prev) && SECRET_NAME.test(prev) && !arg.startsWith('-')) {
      out.push(MASK);
      continue;
    }
    out.push(redactArg(arg));
  }
  return escapeControl(out.join(' '));
}

function redactArg(arg: string): string {
  const url = arg.replace(/([a-z][a-z0-9+.-]*:\/\/)([^\s/@]*)@/gi, (_m, scheme: string, auth) =>
    (auth as string).includes(':')
      ? `${scheme}${(auth as string).slice(0, (auth as string).indexOf(':'))}:${MASK}@`
      : `${scheme}${MASK}@`,
  );
  if (url.includes('://')) {
    // `https://host/path?token=x&page=2`: mask secret-named query parameters only.
    return url.replace(/([?&;])([^=&;\s]+)=([^&;\s]*)/g, (m, sep: string, name: string) =>
      SECRET_NAME.test(name) ? `${sep}${name}=${MASK}` : m,
    );
  }
  // `--password=x`, `PASSWORD=x`: the name before the first `=` decides.
  const eq = url.indexOf('=');
  return eq > 0 && SECRET_NAME.test(url.slice(0, eq)) ? `${url.slice(0, eq)}=${MASK}` : url;
}
