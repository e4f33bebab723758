import prettyBytes from 'pretty-bytes';

/** Plain text helpers shared by the dashboard's views; no React here, so they test on their own. */

export function formatBytes(bytes: number): string {
  return prettyBytes(bytes, { maximumFractionDigits: 1 });
}

/** `0:07`, `3:25`, `1:02:03`: elapsed times and ETAs. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A short, rounded age: "just now", "5 min ago", "3 h ago", "2 days ago", or the date past 60 days. */
export function formatAge(unixSeconds: number, nowMs: number): string {
  const seconds = Math.max(0, nowMs / 1000 - unixSeconds);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  if (days < 60) return days === 1 ? '1 day ago' : `${days} days ago`;
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

/** Commit and blob shas are 40 hex digits; seven identify them on screen, as git does. */
export function shortVersion(version: string | null | undefined): string {
  if (version === null || version === undefined || version === '') return '—';
  return /^[0-9a-f]{40}$/i.test(version) ? version.slice(0, 7) : version;
}

/** Cuts text to `width` columns with an ellipsis (the views only show single-width text). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

export { withoutSourcePrefix } from '../../services/change-text.js';

/** What a source is working on, short: a file's name rather than its absolute path. */
export function shortItem(item: string): string {
  return item.startsWith('/') ? (item.split('/').pop() ?? item) : item;
}
