import { option } from 'pastel';
import { z } from 'zod';

// Flags several commands share, described once. (Outside commands/: pastel loads every file there as a command.)

export const configOption = z
  .string()
  .optional()
  .describe(option({ description: 'Read this sources.conf instead of ~/.config/rommer/sources.conf', valueDescription: 'file' }));

export function dataDirOption(description = 'Keep DATs and the catalogue here instead of ~/.local/share/rommer') {
  return z.string().optional().describe(option({ description, valueDescription: 'dir' }));
}
