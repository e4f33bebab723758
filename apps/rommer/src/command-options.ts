import { argument, option } from 'pastel';
import { z } from 'zod';

// Flags several commands share, described once. (Outside commands/: pastel loads every file there as a command.)

export const configOption = z
  .string()
  .optional()
  .describe(option({ description: 'Read this sources.conf instead of ~/.config/rommer/sources.conf', valueDescription: 'file' }));

export function dataDirOption(description = 'Keep DATs and the catalogue here instead of ~/.local/share/rommer') {
  return z.string().optional().describe(option({ description, valueDescription: 'dir' }));
}

/** `rommer login` and `rommer logout` take the same arguments and flags. */
export const credentialArgs = z
  .array(z.string())
  // Permissive here; the service validates (usage errors end with exit 2).
  .describe(argument({ name: 'source', description: 'the source, e.g. redump' }));

export const credentialOptions = z.object({
  username: z
    .string()
    .optional()
    .describe(option({ description: 'The account name (default: username in sources.conf)', valueDescription: 'name' })),
  config: configOption,
  dataDir: dataDirOption('Accepted for symmetry with the other commands; nothing is written there'),
});
