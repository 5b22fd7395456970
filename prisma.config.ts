// Prisma CLI configuration. The CLI always works against a throwaway in-memory PGlite:
// a live embedded data dir belongs to the running server alone (PGlite is single-process).
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defineConfig } from 'prisma/config';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

// Prisma 6 reads the schema before it looks at the adapter, and a datasource without a url
// makes it fall back to downloading the Rust query engine (impossible offline). The url is
// never used: every connection goes through a driver adapter.
process.env.ZHIFA_PRISMA_CLI_URL ??= 'postgresql://driver-adapter.invalid/zhifa';

type Factory = InstanceType<typeof PrismaPGlite>;

// `prisma migrate dev` replays migrations on the shadow database through a parameterless
// `executeRaw`, which PGlite runs as a prepared statement and so rejects multi-statement
// scripts. Routing those calls to `executeScript` (simple query protocol) fixes the replay.
function scriptTolerant(factory: Factory): Factory {
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length === 0 && query.sql.includes(';')) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return adapter;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('schema', 'prisma'),
  migrations: { path: path.join('schema', 'migrations') },
  adapter() {
    // pglite-prisma-adapter 0.6 is typed against an older driver-adapter-utils; same protocol.
    return Promise.resolve(
      scriptTolerant(new PrismaPGlite(new PGlite('memory://'))) as unknown as SqlMigrationAwareDriverAdapterFactory,
    );
  },
});
