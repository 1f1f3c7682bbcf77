// The read path of hot public queries. Resolvers call `context.reader` with the arguments they would give
// Prisma (plugin-prisma's `query` from the GraphQL selection, plus the policy filters); the lean reader
// answers with ONE statement returning JSON through the pool, the Prisma reader with Prisma's model
// queries. Both return the same shapes, so the differential test can hold them side by side.
import type { Database } from '../db/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { compileFindMany, compileFindUnique } from './compile.js';

export type ReadModel = 'Dataset' | 'License' | 'Steward' | 'Department' | 'Record';
type Args = Record<string, any>;

export interface Reader {
  findMany<T = any>(model: ReadModel, args: Args): Promise<T[]>;
  findUnique<T = any>(model: ReadModel, args: Args): Promise<T | null>;
  /** Whether it renders rows whole when their selection allows (read/rendered-json.ts); Prisma never does. */
  readonly rendersRows: boolean;
}

export type ReadPath = 'lean' | 'prisma';

/**
 * Statements over the catalog's small tables are kept prepared (see `Database.leanQuery`); records' are not:
 * over a million rows a plan made for one filter value can be wrong for another.
 */
export function leanReader(db: Database): Reader {
  return {
    rendersRows: true,
    async findMany(model, args) {
      const { text, params, revive } = compileFindMany(model, args);
      const rows = await db.leanQuery<{ result: any }>(text, params, { prepared: model !== 'Record' });
      return rows.map((row) => revive(row.result));
    },
    async findUnique(model, args) {
      const { text, params, revive } = compileFindUnique(model, args);
      const [row] = await db.leanQuery<{ result: any }>(text, params, { prepared: model !== 'Record' });
      return revive(row?.result ?? null);
    },
  };
}

const delegate = (prisma: PrismaClient, model: ReadModel) =>
  (prisma as unknown as Record<string, { findMany(args: Args): Promise<any[]>; findUnique(args: Args): Promise<any> }>)[
    model[0]!.toLowerCase() + model.slice(1)
  ]!;

export function prismaReader(prisma: PrismaClient): Reader {
  return {
    rendersRows: false,
    findMany: (model, args) => delegate(prisma, model).findMany(args),
    findUnique: (model, args) => delegate(prisma, model).findUnique(args),
  };
}

export function createReader(path: ReadPath, db: Database): Reader {
  return path === 'lean' ? leanReader(db) : prismaReader(db.prisma);
}
