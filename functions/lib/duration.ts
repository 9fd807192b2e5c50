/**
 * Durations as the catalog writes them: ISO 8601 (`PT30S`, `P14D`, `P1DT2H`, `P2W`) or a
 * number followed by a unit (`250ms`, `30s`, `5m`, `24h`, `14d`).
 */
const SHORT = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/;
const ISO = /^P(?!$)(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds, or undefined when the value is not a duration in either form. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const short = SHORT.exec(value);
  if (short) return Number(short[1]) * UNIT_MS[short[2] as keyof typeof UNIT_MS];
  const iso = ISO.exec(value.trim());
  if (!iso) return undefined;
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s.replace(',', '.')));
  return (
    n(iso[1]) * 7 * UNIT_MS.d +
    n(iso[2]) * UNIT_MS.d +
    n(iso[3]) * UNIT_MS.h +
    n(iso[4]) * UNIT_MS.m +
    n(iso[5]) * UNIT_MS.s
  );
}

export function isDuration(value: unknown): boolean {
  return parseDuration(value) !== undefined;
}

/** A human-readable rendering of milliseconds: `30s`, `14d`, `1h 30m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['d', UNIT_MS.d], ['h', UNIT_MS.h], ['m', UNIT_MS.m], ['s', UNIT_MS.s]] as const) {
    if (rest >= size) {
      const count = Math.floor(rest / size);
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join(' ');
}

/** Pattern used in JSON Schemas for duration strings (both forms). */
export const DURATION_PATTERN =
  '^(\\d+(\\.\\d+)?(ms|s|m|h|d)|P(?!$)(\\d+([.,]\\d+)?W)?(\\d+([.,]\\d+)?D)?(T(?=\\d)(\\d+([.,]\\d+)?H)?(\\d+([.,]\\d+)?M)?(\\d+([.,]\\d+)?S)?)?)$';
