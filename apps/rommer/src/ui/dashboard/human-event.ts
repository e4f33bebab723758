import { humanText, type UpdateEvent } from '@rommer/core';

function humanStrings(value: unknown): unknown {
  if (typeof value === 'string') return humanText(value);
  if (Array.isArray(value)) return value.map(humanStrings);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = humanStrings(inner);
    return out;
  }
  return value;
}

/**
 * An update event as the screen may show it: file names, warnings and errors come from upstream
 * DATs and archives (terminal escapes) and from configuration (URLs with credentials).
 */
export function humanEvent(event: UpdateEvent): UpdateEvent {
  return humanStrings(event) as UpdateEvent;
}
