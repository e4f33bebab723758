import { UsageError } from './errors.js';
import type { AnySource } from './source.js';

/** The sources known to this run. The app registers them; core knows none by name. */
export class SourceRegistry {
  readonly #sources = new Map<string, AnySource>();

  register(source: AnySource): this {
    if (this.#sources.has(source.info.id)) {
      throw new Error(`source "${source.info.id}" is registered twice`);
    }
    this.#sources.set(source.info.id, source);
    return this;
  }

  has(id: string): boolean {
    return this.#sources.has(id);
  }

  /** The source with this id, or a UsageError that lists the known ids. */
  get(id: string): AnySource {
    const source = this.#sources.get(id);
    if (source === undefined) {
      throw new UsageError(`unknown source "${id}" (known: ${this.ids().join(', ')})`);
    }
    return source;
  }

  ids(): string[] {
    return [...this.#sources.keys()];
  }

  list(): AnySource[] {
    return [...this.#sources.values()];
  }
}

export function createSourceRegistry(sources: Iterable<AnySource> = []): SourceRegistry {
  const registry = new SourceRegistry();
  for (const source of sources) registry.register(source);
  return registry;
}
