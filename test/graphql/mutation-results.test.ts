// Each mutation's result union lists exactly the failures it can return, beside a payload with a meaningful name.
import { isObjectType, isUnionType, getNamedType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

function resultOf(mutation: string) {
  const type = getNamedType(schema.getMutationType()!.getFields()[mutation]!.type);
  if (!isUnionType(type)) throw new Error(`${mutation} does not return a union`);
  return { name: type.name, members: type.getTypes().map((member) => member.name).sort() };
}

function fieldsOf(typeName: string) {
  const type = schema.getType(typeName) as GraphQLObjectType;
  expect(isObjectType(type)).toBe(true);
  return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, String(field.type)]));
}

describe('mutation results', () => {
  it('createApiKey returns its payload or a ValidationError, nothing else', () => {
    expect(resultOf('createApiKey')).toEqual({ name: 'CreateApiKeyResult', members: ['CreateApiKeyPayload', 'ValidationError'] });
    expect(fieldsOf('CreateApiKeyPayload')).toEqual({ apiKey: 'ApiKey!', secret: 'String!' });
  });

  it('revokeApiKey returns { apiKey } or NotFoundError / ConflictError', () => {
    expect(resultOf('revokeApiKey')).toEqual({ name: 'RevokeApiKeyResult', members: ['ConflictError', 'NotFoundError', 'RevokeApiKeyPayload'] });
    expect(fieldsOf('RevokeApiKeyPayload')).toEqual({ apiKey: 'ApiKey!' });
  });

  it('setStaffRoles returns { staff } or NotFoundError / ConflictError', () => {
    expect(resultOf('setStaffRoles')).toEqual({ name: 'SetStaffRolesResult', members: ['ConflictError', 'NotFoundError', 'SetStaffRolesPayload'] });
    expect(fieldsOf('SetStaffRolesPayload')).toEqual({ staff: 'StaffUser!' });
  });
});
