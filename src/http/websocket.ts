// graphql-ws on the same HTTP server and path as everything else (/graphql): the upgrade request is
// answered by the `ws` server, and each operation runs through yoga's own pipeline (same plugins, limits,
// error masking and context). Credentials come from the connection's `connectionParams`
// ({ authorization: "Bearer …" } or { "x-api-key": "…" }) or from the upgrade request's headers.
import type { Server } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Gateway } from './gateway.js';
import { plainResult } from '../graphql/rendered-response.js';

const CREDENTIAL_PARAMS = ['authorization', 'x-api-key'];

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

export function attachWebSocket(server: Server, gateway: Gateway, { keepAliveMs = 12_000 } = {}) {
  const wsServer = new WebSocketServer({ server, path: gateway.graphqlEndpoint });
  const disposable = useServer(
    {
      // graphql-ws serializes results itself: a query's rendered JSON is parsed into it first.
      execute: async (args) => plainResult(await (args.rootValue as EnvelopedRoot).execute(args)) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onSubscribe: async (context, _id, params) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(context.extra.request.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        for (const [name, value] of Object.entries(context.connectionParams ?? {})) {
          if (CREDENTIAL_PARAMS.includes(name.toLowerCase()) && typeof value === 'string') headers.set(name, value);
        }
        const request = new Request(`http://localhost${gateway.graphqlEndpoint}`, { method: 'POST', headers });
        const { schema, execute, subscribe, contextFactory, parse, validate } = gateway.getEnveloped({
          ...context,
          req: context.extra.request,
          request,
          params,
        });
        const document = parse(params.query);
        const errors = validate(schema, document);
        if (errors.length) return errors;
        return {
          schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wsServer,
    keepAliveMs,
  );
  return {
    /** Closes every socket (clients see "going away" and reconnect elsewhere). */
    async close() {
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
