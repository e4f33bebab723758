import { CredentialsError } from '@rommer/core';
import { displayUrl, type HttpClient } from '@rommer/core/http';
import { parseHtmlPage, type HtmlFormData } from '@rommer/core/html';

/** The phpBB login page under the forum's address. */
export function loginPageUrl(forumUrl: string): string {
  return new URL('ucp.php?mode=login', forumUrl.endsWith('/') ? forumUrl : `${forumUrl}/`).href;
}

function loginForm(forms: HtmlFormData[]): HtmlFormData | undefined {
  return forms.find((form) => form.passwordFields.length > 0);
}

/**
 * Logs in through the forum's phpBB form with the session's cookie jar. The hidden fields
 * (`form_token`, `sid`, `creation_time`, `redirect`) are read from the page and posted back as
 * they are; the answer is a failure when it shows the login form again. Errors never carry the password.
 */
export async function loginToForum(
  http: HttpClient,
  forumUrl: string,
  credentials: { username: string; password: string },
  signal?: AbortSignal,
): Promise<void> {
  const pageUrl = loginPageUrl(forumUrl);
  const page = await http.getText(pageUrl, { ...(signal !== undefined ? { signal } : {}) });
  const form = loginForm(parseHtmlPage(page.body, page.url).forms());
  if (form === undefined) {
    throw new CredentialsError(`Redump forum layout changed: no login form on ${displayUrl(pageUrl)}`);
  }
  const fields: Record<string, string> = { ...form.fields };
  const passwordField = form.passwordFields[0]!;
  const userField = Object.keys(fields).find((name) => /^(?:username|user|login|name)$/i.test(name)) ?? 'username';
  fields[userField] = credentials.username;
  fields[passwordField] = credentials.password;
  // phpBB only handles a login when its submit button's name is in the post.
  const submit = form.submits.find((s) => !s.hidden);
  if (submit !== undefined) fields[submit.name] = submit.value;

  const answer = await http.request(form.action, {
    method: form.method,
    form: fields,
    retry: false,
    allowErrorStatus: true,
    ...(signal !== undefined ? { signal } : {}),
  });
  const after = parseHtmlPage(answer.body, answer.url);
  if (answer.status >= 400 || loginForm(after.forms()) !== undefined) {
    // The page's own words say why; they never hold the password, and are scrubbed in case they did.
    const reason = after.$('.error').first().text().replace(/\s+/g, ' ').trim().split(credentials.password).join('***');
    throw new CredentialsError(
      `Redump forum login as "${credentials.username}" failed${reason !== '' ? `: ${reason}` : answer.status >= 400 ? ` (HTTP ${answer.status})` : ''}`,
    );
  }
}
