// GraphQL inputs of the records filter and order. The shapes are those `compileRecordFilter` and
// `resolveOrder` take, so an export URL's JSON and a query's variables mean the same thing.
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { builder } from '../../graphql/builder.js';
import type { BoundingBox, Near } from './geo.js';
import type { RecordFilterInput } from './compile.js';
import type { RecordOrderInput } from '../order.js';

function fieldValue(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new GraphQLError('FieldValue must be a string, a number or a boolean');
}

function fieldValueLiteral(node: ValueNode): string | number | boolean {
  switch (node.kind) {
    case Kind.STRING:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
      // Beyond 2^53, keep the digits: the filter compares as numeric.
      return Number.isSafeInteger(Number(node.value)) ? Number(node.value) : node.value;
    case Kind.FLOAT:
      return Number(node.value);
    default:
      throw new GraphQLError('FieldValue must be a string, a number or a boolean');
  }
}

export const FieldValueScalar = builder.scalarType('FieldValue', {
  description:
    'A value compared with a declared field: a string (TEXT; DATE as "YYYY-MM-DD"; TIMESTAMP as ISO 8601 with an offset), a number (INTEGER, DECIMAL) or a boolean (BOOLEAN). Checked against the field’s declared type.',
  serialize: fieldValue,
  parseValue: fieldValue,
  parseLiteral: fieldValueLiteral,
});

export const SortDirectionEnum = builder.enumType('SortDirection', { values: ['ASC', 'DESC'] as const });

export const BoundingBoxInput = builder.inputRef<BoundingBox>('BoundingBox').implement({
  description: 'Longitude/latitude box (WGS 84). west > east crosses the antimeridian.',
  fields: (t) => ({
    west: t.float({ required: true }),
    south: t.float({ required: true }),
    east: t.float({ required: true }),
    north: t.float({ required: true }),
  }),
});

export const NearInput = builder.inputRef<Near>('Near').implement({
  description: 'Within this many metres (great-circle) of a point.',
  fields: (t) => ({
    longitude: t.float({ required: true }),
    latitude: t.float({ required: true }),
    meters: t.float({ required: true }),
  }),
});

export const RecordFilterRef = builder.inputRef<RecordFilterInput>('RecordFilter');

RecordFilterRef.implement({
  description:
    'A filter on declared fields: `field` with one or more comparisons (all must hold), and/or combinators and location tests. Every part given must hold. A missing or null value matches only `ne`, `notIn` and `isNull: true`; `not` is the exact complement.',
  fields: (t) => ({
    field: t.string({ description: 'A declared field of the dataset, compared by the arguments below.' }),
    eq: t.field({ type: FieldValueScalar }),
    ne: t.field({ type: FieldValueScalar, description: 'Different, or missing.' }),
    gt: t.field({ type: FieldValueScalar }),
    gte: t.field({ type: FieldValueScalar }),
    lt: t.field({ type: FieldValueScalar }),
    lte: t.field({ type: FieldValueScalar }),
    in: t.field({ type: [FieldValueScalar], description: 'One of these values (at most 1,000).' }),
    notIn: t.field({ type: [FieldValueScalar], description: 'None of these values, or missing.' }),
    contains: t.string({ description: 'TEXT fields: contains this text (case-sensitive; % and _ match themselves).' }),
    startsWith: t.string({ description: 'TEXT fields: starts with this text.' }),
    isNull: t.boolean({ description: 'The value is missing (true) or present (false).' }),
    and: t.field({ type: [RecordFilterRef] }),
    or: t.field({ type: [RecordFilterRef] }),
    not: t.field({ type: RecordFilterRef }),
    withinBox: t.field({ type: BoundingBoxInput, description: 'The record’s geometry overlaps this box.' }),
    near: t.field({ type: NearInput, description: 'The record’s location (its point, or the centre of its extent) is within this distance.' }),
  }),
});

export const RecordOrderRef = builder.inputRef<RecordOrderInput>('RecordOrder').implement({
  description: 'Sort by a declared field (ASC: nulls last; DESC: nulls first). The record id always breaks ties.',
  fields: (t) => ({
    field: t.string({ required: true }),
    direction: t.field({ type: SortDirectionEnum, defaultValue: 'ASC' }),
  }),
});
