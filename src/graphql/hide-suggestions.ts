// Outside development, error messages must not map the schema for a caller: graphql-js and the executor
// would otherwise add "Did you mean …?" to unknown fields, arguments, types and enum values (in literals
// and in variables). Both accept `hideSuggestions`, which this plugin turns on for every request; the
// executor's variable coercion ignores it, so suggestions left in execution errors are cut out too.
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { ExecutionResult, ValidationRule } from 'graphql';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function stripSuggestions(result: ExecutionResult) {
  for (const error of result.errors ?? []) error.message = error.message.replace(SUGGESTION, '');
}

export function useHiddenSuggestions(): Plugin {
  return {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, rules?: readonly ValidationRule[]) =>
        validateFn(schema, document, rules, { hideSuggestions: true }),
      );
    },
    // envelop hands each call an arguments object of its own (a copy): it is marked, not copied again.
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => executeFn(Object.assign(args, { hideSuggestions: true })));
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result)) stripSuggestions(result);
        },
      };
    },
    onSubscribe({ subscribeFn, setSubscribeFn }) {
      setSubscribeFn((args) => subscribeFn({ ...args, hideSuggestions: true } as typeof args));
    },
  };
}
