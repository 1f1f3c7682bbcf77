// The links of follow mails: GET /follow/confirm?token=… and GET or POST /follow/unsubscribe?token=…
// (POST is RFC 8058 one-click unsubscribe, sent by mail clients from the List-Unsubscribe header).
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.js';
import { confirmFollow, unsubscribeFollow } from '../live/follows.js';

const text = (fetchAPI: { Response: typeof Response }, status: number, body: string) =>
  new fetchAPI.Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

export function useFollowLinks(prisma: PrismaClient): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const confirm = url.pathname === '/follow/confirm' && request.method === 'GET';
      const unsubscribe = url.pathname === '/follow/unsubscribe' && (request.method === 'GET' || request.method === 'POST');
      if (!confirm && !unsubscribe) return;
      const token = url.searchParams.get('token') ?? '';
      if (confirm) {
        const done = token && (await confirmFollow(prisma, token));
        endResponse(done ? text(fetchAPI, 200, 'Confirmed: you will get a digest when the dataset changes (at most one mail a day).') : text(fetchAPI, 404, 'This confirmation link is unknown or was already used.'));
        return;
      }
      const done = token && (await unsubscribeFollow(prisma, token));
      // A repeated click finds the follow (and its links) gone: the reader is unsubscribed either way.
      endResponse(text(fetchAPI, 200, done ? 'Unsubscribed: you will get no more mail about these datasets.' : 'No follow remains for this link: you get no mail through it.'));
    },
  };
}
