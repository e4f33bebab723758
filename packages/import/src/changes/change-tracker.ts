import type { ChangeDetails, ChangeTracker, ChangeView } from '@rommer/store';
import { datIdentity } from './dat-identity.js';
import { diffGames } from './diff-games.js';
import { gameContent } from './game-content.js';
import { romChanges } from './rom-changes.js';

/** The rules above as the store's ChangeTracker: what the importer hands the bulk writer. */
export const changeTracker: ChangeTracker = {
  identityOf: datIdentity,
  contentOf: gameContent,
  diff(view: ChangeView): ChangeDetails {
    // The stream is read to its end before any ROMs are asked for (one statement at a time).
    const games = diffGames(view.games());
    return {
      added: games.added,
      removed: games.removed,
      renamed: games.renamed,
      changed: games.changed.map((game) => ({ game, roms: romChanges(view.roms(game, true), view.roms(game, false)) })),
    };
  },
};
