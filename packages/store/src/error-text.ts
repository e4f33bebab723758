/**
 * One line that says what went wrong. Prisma's messages start with "Invalid `prisma.x.y()`
 * invocation:" and put the cause last; driver and other errors put it first.
 */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0];
  if (first === undefined) return error.name;
  return first.startsWith('Invalid `') ? (lines.at(-1) ?? first) : first;
}
