// Error masking: expected AppErrors become typed GraphQL errors (extensions.code + safe details);
// everything else is logged in full on the server and shown to clients as "Unexpected error.".
// Nothing a client sees carries the original error (its stack or driver message).
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { AppError } from '../errors.js';

/** True when the error and every error it wraps were raised by GraphQL itself (not by our code or a driver). */
function raisedByGraphQL(error: GraphQLError): boolean {
  const cause = error.originalError;
  return !cause || (cause instanceof GraphQLError && raisedByGraphQL(cause));
}

/**
 * Errors about the request as a whole, raised before any field ran (a variable of the wrong type, an
 * unknown operation): they have no field path, and the executor marks them HTTP 400.
 */
function isRequestError(error: GraphQLError): boolean {
  const http = error.extensions.http as { status?: number } | undefined;
  return !error.path && (http?.status === 400 || raisedByGraphQL(error));
}

/** A copy with only what a client may see: message, location, path, code and HTTP status. */
function clientCopy(error: GraphQLError, code: string): GraphQLError {
  const { http, ...extensions } = error.extensions;
  delete extensions.originalError;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...extensions, code: extensions.code ?? code, ...(http ? { http } : {}) },
  });
}

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
  // Errors GraphQL itself raised (bad variables; a field's missing argument) are safe to show.
  if (error instanceof GraphQLError && (isRequestError(error) || !error.originalError)) {
    const clean = error.extensions.code !== undefined && !('originalError' in error.extensions);
    return clean ? error : clientCopy(error, isRequestError(error) ? 'BAD_USER_INPUT' : 'GRAPHQL_ERROR');
  }
  logUnexpected(original);
  return new GraphQLError('Unexpected error.', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
