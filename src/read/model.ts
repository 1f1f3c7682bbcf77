// What the lean reader knows of the Prisma data model: columns, relations and enum labels. Read from the
// generated Pothos datamodel, so a new column or relation needs no change here.
import { getDatamodel } from '../generated/pothos-types.js';
import * as enums from '../generated/prisma/enums.js';

export interface FieldMeta {
  name: string;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  relationName?: string;
  relationFromFields?: string[];
}

export interface ModelMeta {
  name: string;
  fields: Map<string, FieldMeta>;
  scalars: FieldMeta[];
}

const datamodel = getDatamodel().datamodel.models as unknown as Record<string, { fields: FieldMeta[] }>;
const models = new Map<string, ModelMeta>();

export function modelMeta(name: string): ModelMeta {
  let meta = models.get(name);
  if (!meta) {
    const source = datamodel[name];
    if (!source) throw new Error(`lean reader: unknown model ${name}`);
    meta = {
      name,
      fields: new Map(source.fields.map((field) => [field.name, field])),
      scalars: source.fields.filter((field) => field.kind !== 'object'),
    };
    models.set(name, meta);
  }
  return meta;
}

export function fieldMeta(model: ModelMeta, name: string): FieldMeta {
  const field = model.fields.get(name);
  if (!field) throw new Error(`lean reader: ${model.name} has no field ${name}`);
  return field;
}

/**
 * How a relation joins, as a condition between the parent's alias and the target's. Every relation of
 * this schema references the target's (or the parent's) `id`.
 */
export function relationJoin(model: ModelMeta, field: FieldMeta, parent: string, target: string): string {
  const from = field.relationFromFields ?? [];
  if (from.length === 1) return `${target}."id" = ${parent}.${quote(from[0]!)}`;
  const other = modelMeta(field.type);
  const back = [...other.fields.values()].find((f) => f.relationName === field.relationName && f !== field);
  const backFrom = back?.relationFromFields ?? [];
  if (backFrom.length !== 1) throw new Error(`lean reader: unsupported relation ${model.name}.${field.name}`);
  return `${target}.${quote(backFrom[0]!)} = ${parent}."id"`;
}

export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Database labels of enum values that differ from their Prisma names (`@map`). Pinned against the
 * database's own enum types by a test, so a new `@map` cannot be forgotten here.
 */
export const mappedEnumLabels: Record<string, Record<string, string>> = {
  AccessLevel: { PUBLIC: 'public', RESTRICTED_PUBLIC: 'restricted public', NON_PUBLIC: 'non-public' },
};

const labels = new Map<string, Record<string, string>>();

/** Prisma name → database label, for every value of an enum. */
export function enumLabels(enumName: string): Record<string, string> {
  let result = labels.get(enumName);
  if (!result) {
    const values = (enums as Record<string, Record<string, string>>)[enumName];
    if (!values) throw new Error(`lean reader: unknown enum ${enumName}`);
    const mapped = mappedEnumLabels[enumName] ?? {};
    result = Object.fromEntries(Object.keys(values).map((name) => [name, mapped[name] ?? name]));
    labels.set(enumName, result);
  }
  return result;
}
