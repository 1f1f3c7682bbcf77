// Error masking: expected AppErrors become typed GraphQL errors (extensions.code + safe details);
// everything else is logged in full on the server and shown to clients as "Unexpected error.".
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { AppError } from '../errors.js';

export function toClientError(error: unknown, logUnexpected: (error: unknown) => void): GraphQLError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  if (original instanceof AppError) {
    return new GraphQLError(original.message, {
      path,
      extensions: { code: original.code, ...original.details() },
    });
  }
  // Malformed ids, cursors and page sizes, detected by Pothos while reading arguments.
  if (original instanceof PothosValidationError) {
    return new GraphQLError(original.message, { path, extensions: { code: 'VALIDATION_FAILED' } });
  }
  // Errors GraphQL itself raised about the request (syntax, unknown field, bad variables) are safe to show.
  if (error instanceof GraphQLError && !error.originalError) return error;
  logUnexpected(original);
  return new GraphQLError('Unexpected error.', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
