// The links of follow mails: GET /follow/confirm?token=… and GET or POST /follow/unsubscribe?token=…
// (POST is RFC 8058 one-click unsubscribe, sent by mail clients from the List-Unsubscribe header).
import type { Plugin } from 'graphql-yoga';
import { route } from './route.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { confirmFollow, unsubscribeFollow } from '../live/follows.js';

const text = (fetchAPI: { Response: typeof Response }, status: number, body: string) =>
  new fetchAPI.Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

function linkOf(url: URL, method: string): 'confirm' | 'unsubscribe' | undefined {
  if (url.pathname === '/follow/confirm' && method === 'GET') return 'confirm';
  if (url.pathname === '/follow/unsubscribe' && (method === 'GET' || method === 'POST')) return 'unsubscribe';
  return undefined;
}

export function useFollowLinks(prisma: PrismaClient): Plugin {
  return {
    onRequest: route(linkOf, async ({ url, endResponse, fetchAPI }, link) => {
      const token = url.searchParams.get('token') ?? '';
      if (link === 'confirm') {
        const done = token && (await confirmFollow(prisma, token));
        endResponse(done ? text(fetchAPI, 200, 'Confirmed: you will get a digest when the dataset changes (at most one mail a day).') : text(fetchAPI, 404, 'This confirmation link is unknown or was already used.'));
        return;
      }
      const done = token && (await unsubscribeFollow(prisma, token));
      // A repeated click finds the follow (and its links) gone: the reader is unsubscribed either way.
      endResponse(text(fetchAPI, 200, done ? 'Unsubscribed: you will get no more mail about these datasets.' : 'No follow remains for this link: you get no mail through it.'));
    }),
  };
}
