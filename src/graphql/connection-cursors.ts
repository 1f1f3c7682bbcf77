// Connection cursors come back from clients, so they are input like any other. @pothos/plugin-prisma
// decodes whatever a cursor claims to hold (`GPC:S:abc`, `GPC:N:1e30`, JSON …) and hands it to the
// database, which then fails on a malformed UUID or an out-of-range integer. Every connection here pages
// by its node's id, so a cursor is valid only when it decodes to a well-formed id of that node's model.
import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLNamedType } from 'graphql';
import { getDatamodel } from '../generated/pothos-types.js';
import { isInt4, isUuid } from './ids.js';

/** Field extension of a connection whose resolver decodes and checks its own cursors. */
export const OWN_CURSORS = 'checksOwnCursors';

/** Prisma type of each model's id ("String" ids are UUID columns, "Int" ids are int4). */
const idTypes = new Map(
  Object.entries(getDatamodel().datamodel.models).map(([model, { fields }]) => [model, fields.find((f) => f.isId)?.type]),
);

const idCheckers: Record<string, (value: unknown) => boolean> = {
  String: (value) => typeof value === 'string' && isUuid(value),
  Int: isInt4,
};

function fieldType(type: GraphQLNamedType | undefined, field: string): GraphQLNamedType | undefined {
  const child = isObjectType(type) ? type.getFields()[field] : undefined;
  return child && getNamedType(child.type);
}

/** The Prisma model a connection field pages over: the type of its `edges.node`, when that is a Prisma type. */
function connectionModel(field: GraphQLField<unknown, unknown>): string | undefined {
  const node = fieldType(fieldType(getNamedType(field.type), 'edges'), 'node');
  return node?.extensions?.pothosPrismaModel as string | undefined;
}

/** Why `cursor` cannot be an `after`/`before` of this connection field, or null when it can. */
export function cursorProblem(field: GraphQLField<unknown, unknown>, cursor: string): string | null {
  // Keyset connections (records) encode and check their own cursors.
  if (field.extensions?.[OWN_CURSORS]) return null;
  const model = connectionModel(field);
  const isValidId = model ? idCheckers[idTypes.get(model) ?? ''] : undefined;
  if (!isValidId) return null;
  try {
    if (isValidId(parsePrismaCursor(cursor))) return null;
  } catch {
    // not even a cursor of this plugin: reported below
  }
  return 'is not a cursor of this connection';
}
