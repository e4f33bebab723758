// The PostgreSQL client and migrations come from the same models as the SQLite ones: this derives
// the PostgreSQL variant of prisma/schema.prisma (only the datasource provider and the client's
// output folder differ). Used by generate-client.mjs and by the drift test.

/** schema.prisma's text with provider "postgresql" and the client generated into src/generated/prisma-pg. */
export function toPostgresqlSchema(text) {
  const provider = /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/;
  const output = /(generator client \{[^}]*output\s*=\s*)"[^"]*"/;
  if (!provider.test(text) || !output.test(text)) {
    throw new Error('schema.prisma: expected a sqlite datasource "db" and a client generator with an output folder');
  }
  return text.replace(provider, '$1"postgresql"').replace(output, '$1"./prisma-pg"');
}
