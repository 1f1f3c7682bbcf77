// One connection type per node type (DatasetConnection, RecordConnection, …), shared by every field that
// lists that type, so front-ends can reuse one fragment. Each carries `totalCount`, which plugin-prisma
// computes only when it is selected: a count query for t.prismaConnection (the field's `totalCount`
// function), a `_count` merged into the parent's query for t.relatedConnection (`totalCount: true`).
import type { ObjectRef } from '@pothos/core';
import { builder } from './builder.js';

type TotalCount = number | (() => number | Promise<number>) | undefined;

export function sharedConnection<Node>(type: ObjectRef<any, Node>, name: string) {
  return builder.connectionObject({
    type,
    name,
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many items the list holds across all pages (for what you may see).',
        // Lets plugin-prisma skip loading rows when only totalCount is selected.
        extensions: { pothosPrismaTotalCount: true },
        resolve: async (connection) => {
          const { totalCount } = connection as { totalCount?: TotalCount };
          const count = typeof totalCount === 'function' ? await totalCount() : totalCount;
          if (count === undefined) throw new Error(`${name}.totalCount was not loaded`);
          return count;
        },
      }),
    }),
  });
}
