/**
 * The date in a redump DAT zip's name, `… (YYYY-MM-DD HH-MM-SS).zip`: each system's version.
 * Undefined when the name carries none.
 */
export function datfileDate(filename: string): string | undefined {
  return /\((\d{4}-\d{2}-\d{2} \d{2}-\d{2}-\d{2})\)\.(?:zip|dat)$/i.exec(filename.trim())?.[1];
}
