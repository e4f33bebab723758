import { createSourceRegistry, type SourceRegistry } from '@rommer/core';
import { fbneoSource } from '@rommer/sources-fbneo';
import { libretroSource } from '@rommer/sources-libretro';
import { mameSource } from '@rommer/sources-mame';
import { noIntroSource } from '@rommer/sources-no-intro';
import { opengoodSource } from '@rommer/sources-opengood';
import { redumpSource } from '@rommer/sources-redump';
import { tosecSource } from '@rommer/sources-tosec';

/** Every source rommer ships, in the design's order of preference. */
export function createRegistry(): SourceRegistry {
  return createSourceRegistry([
    opengoodSource,
    mameSource,
    noIntroSource,
    tosecSource,
    redumpSource,
    fbneoSource,
    libretroSource,
  ]);
}
