// What rommer prints to people: text from DATs, archives and configuration can hold terminal
// escapes and credentials. Both helpers are dependency-free so every package (and the CLI's
// error path) can use them without loading the rest of core.

const URL_AUTHORITY = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#"'<>]*)/gi;

/**
 * A URL with any password hidden: `scheme://user:***@host/…`; a user name alone (which is often a
 * token, as in `https://TOKEN@github.com`) becomes `***@host`. Text that is not a URL is returned
 * as given.
 */
export function redactUrl(url: string | URL): string {
  return redactUrlCredentials(String(url));
}

/** Every URL inside `text` with its credentials hidden (see redactUrl). */
export function redactUrlCredentials(text: string): string {
  if (text.indexOf('@') === -1 || text.indexOf('://') === -1) return text;
  return text.replace(URL_AUTHORITY, (whole, scheme: string, authority: string) => {
    const at = authority.lastIndexOf('@');
    if (at === -1) return whole;
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const hidden = colon === -1 ? '***' : `${userinfo.slice(0, colon)}:***`;
    return `${scheme}${hidden}${authority.slice(at)}`;
  });
}

// C0 controls (ESC, BEL, CR, backspace, NUL…), DEL, C1 controls (0x9b is a one-byte CSI), and the
// line/paragraph separators and bidirectional overrides that reorder what a terminal shows.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 9) return '\\t';
  if (code === 10) return '\\n';
  if (code === 13) return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text made safe for a terminal: control characters are shown as `\x1b`, `\t`, `\u202e`…, so a DAT
 * field or an archive name can neither move the cursor, recolour, retitle nor hide what follows.
 * Newlines are escaped too unless `keepNewlines` (for output made of several lines on purpose).
 */
export function escapeControl(text: string, options: { keepNewlines?: boolean } = {}): string {
  const pattern = options.keepNewlines === true ? CONTROL : CONTROL_OR_NEWLINE;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, escapeOne) : text;
}

/** Both: what every line rommer prints for people goes through. */
export function humanText(text: string, options: { keepNewlines?: boolean } = {}): string {
  return escapeControl(redactUrlCredentials(text), options);
}
