#!/usr/bin/env node
import Pastel from 'pastel';
import { usePositionalOptions } from './positional-options.js';
import { asUsageExit } from './usage-exit.js';

const app = new Pastel({
  importMeta: import.meta,
  name: 'rommer',
  description: 'Keep a ROM-preservation DAT library current: fetch DATs from their publishers and catalogue them.',
});

usePositionalOptions();
await asUsageExit(() => app.run());
