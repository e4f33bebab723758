import type { LedgerEntry } from '@rommer/core';

/** What the ledger keeps for No-Intro between runs (all optional: older entries lack some). */
export interface NoIntroState {
  via?: string;
  pack?: string;
  /** Every system held (`folder/system`) with its DAT stamp. */
  systems?: Record<string, string>;
  changedSystems?: string[];
  removedSystems?: string[];
  /** profile.xml's versions (name → version) when the held pack was fetched from DAT-o-MATIC. */
  profile?: Record<string, string>;
  /** Systems missing from the last pack and kept within the grace: `folder/system` → Unix seconds first missed. */
  missing?: Record<string, number>;
  /** Systems the pack fetched on `packDay` carried older than profile.xml said. */
  lagging?: string[];
  /** UTC day (`YYYY-MM-DD`) of the fetch that left `lagging`. */
  packDay?: string;
  /** DAT-o-MATIC refused (throttle, ban, captcha, maintenance): no request to its form before `until`. */
  coolDown?: CoolDown;
}

export interface CoolDown {
  /** Unix seconds. */
  at: number;
  until: number;
  reason: string;
}

/** The cool-down after a refusal: a day, as the site's throttles and bans are measured in days. */
export const coolDownSeconds = 24 * 60 * 60;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.values(value).every((v) => typeof v === 'string') ? (value as Record<string, string>) : undefined;
}

/** The held state, read defensively: a part that does not have the expected shape is ignored. */
export function readState(held: LedgerEntry | undefined): NoIntroState {
  const state = held?.state;
  if (!isRecord(state)) return {};
  const out: NoIntroState = { ...(state as NoIntroState) };
  const systems = stringMap(state['systems']);
  const profile = stringMap(state['profile']);
  if (systems !== undefined) out.systems = systems;
  else delete out.systems;
  if (profile !== undefined) out.profile = profile;
  else delete out.profile;
  const missing = state['missing'];
  if (isRecord(missing) && Object.values(missing).every((v) => typeof v === 'number')) out.missing = missing as Record<string, number>;
  else delete out.missing;
  const lagging = state['lagging'];
  if (!Array.isArray(lagging) || !lagging.every((v) => typeof v === 'string')) delete out.lagging;
  const cool = state['coolDown'];
  if (isRecord(cool) && typeof cool['until'] === 'number' && typeof cool['at'] === 'number' && typeof cool['reason'] === 'string') {
    out.coolDown = cool as unknown as CoolDown;
  } else delete out.coolDown;
  return out;
}

/** `2026-12-04 13:05 UTC` */
export function utcMinute(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
