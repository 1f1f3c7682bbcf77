// Expected mutation failures as typed union members (@pothos/plugin-errors): clients select
// `... on ValidationError { problems { path message } }` instead of parsing messages. Each mutation lists
// only the failures it can return (`errors: { types: [...] }`), so its union documents them.
import { AppError, ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  authScopes: { public: true },
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.string({ resolve: (error) => error.code }),
  }),
});

export const FieldProblem = builder.objectRef<{ path: (string | number)[]; message: string }>('FieldProblem').implement({
  authScopes: { public: true },
  fields: (t) => ({
    path: t.stringList({ resolve: (problem) => problem.path.map(String) }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  authScopes: { public: true },
  fields: (t) => ({ problems: t.field({ type: [FieldProblem], resolve: (error) => error.problems }) }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  authScopes: { public: true },
  fields: (t) => ({ entity: t.exposeString('entity') }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  interfaces: [ErrorInterface],
  authScopes: { public: true },
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', {
      nullable: true,
      description: 'When an expectedVersion was stale: the current version, to reload and retry from.',
    }),
  }),
});

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  interfaces: [ErrorInterface],
  authScopes: { public: true },
  fields: (t) => ({ from: t.exposeString('from'), to: t.exposeString('to') }),
});
