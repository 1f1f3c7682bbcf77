// Prisma's schema engine as WebAssembly, driven over an in-memory PGlite.
// Why: the Prisma CLI's `migrate` needs a native schema-engine binary that cannot be downloaded here
// (see /work/shared/stack-notes.md). The wasm engine does the same diffing, given a driver adapter.
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { DiffTarget, MigrationList, SchemaContainer } from '@prisma/schema-engine-wasm/schema_engine_bg';

let wasmLoaded = false;

// The package's main entry does `import * from "./schema_engine_bg.wasm"` (ESM wasm integration), which
// Node 20 cannot load. So we do by hand what it does: instantiate the .wasm with the JS glue as its only
// import module, hand the exports back to the glue, and run the wasm-bindgen start function.
async function loadWasm(): Promise<void> {
  if (wasmLoaded) return;
  const glueUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(new URL('schema_engine_bg.wasm', glueUrl));
  const module = await WebAssembly.compile(bytes);
  const imports = { './schema_engine_bg.js': engineGlue as unknown as WebAssembly.ModuleImports };
  const instance = await WebAssembly.instantiate(module, imports);
  engineGlue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  wasmLoaded = true;
}

/** PGlite adapter factory whose databases (main and shadow) are in memory and closed by `close()`. */
function inMemoryPGliteFactory(): { factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> } {
  const instances: PGlite[] = [];
  const open = async (): Promise<SqlDriverAdapter> => {
    const pglite = new PGlite();
    instances.push(pglite);
    const adapter = await new PrismaPGlite(pglite).connect();
    // pglite-prisma-adapter 0.7.2 does not await `exec` in executeScript, so a failing migration script
    // would become an unhandled rejection instead of an engine error; await it here.
    adapter.executeScript = async (script) => {
      await pglite.exec(script);
    };
    return adapter;
  };
  // The stock factory opens its shadow database as a PGlite nobody can close (an open PGlite keeps the
  // process alive), so main and shadow connections both get an instance of ours, opened on demand.
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: 'pglite-in-memory',
    connect: open,
    connectToShadowDb: open,
  };
  return { factory, close: async () => void (await Promise.all(instances.map((p) => p.close()))) };
}

export interface EngineSession {
  engine: SchemaEngine;
  /** Rewrites "External error id#N" (an adapter-side JS error) into the real error's message. */
  explain(error: unknown): string;
  close(): Promise<void>;
}

/** Starts the wasm schema engine on the given Prisma schema files, backed by in-memory PGlite. */
export async function openSchemaEngine(files: { path: string; content: string }[]): Promise<EngineSession> {
  await loadWasm();
  const pglite = inMemoryPGliteFactory();
  const bound = bindMigrationAwareSqlAdapterFactory(pglite.factory);
  const log = (line: string) => {
    if (process.env.SCHEMA_ENGINE_LOG) console.error(`[schema-engine] ${line}`);
  };
  let engine: SchemaEngine;
  try {
    engine = await engineGlue.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, log, bound);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const explain = (error: unknown): string => {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/External error id#(\d+)/g, (text, id: string) => {
      const real = bound.errorRegistry.consumeError(Number(id))?.error;
      if (real === undefined) return text;
      return `${text}: ${real instanceof Error ? real.message : JSON.stringify(real)}`;
    });
  };
  return {
    engine,
    explain,
    close: async () => {
      engine.free();
      await pglite.close();
    },
  };
}
