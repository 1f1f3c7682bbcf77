// The timeline shared by data requests and complaints: its event kinds and the shape of one event.
import type { EnumRef } from '@pothos/core';
import { builder } from '../graphql/builder.js';
import { TimelineEventKind } from '../generated/prisma/enums.js';

export const TimelineEventKindEnum = builder.enumType(TimelineEventKind, { name: 'TimelineEventKind' });

/** One timeline event (the submission's status enum differs; everything else is the same). */
export function timelineEventType(name: 'DataRequestEvent' | 'ComplaintEvent', statusEnum: EnumRef<any, string>) {
  return builder.prismaObject(name, {
    authScopes: { public: true }, // reachable only through a submission the caller may see
    fields: (t) => ({
      kind: t.expose('kind', { type: TimelineEventKindEnum }),
      fromStatus: t.expose('fromStatus', { type: statusEnum, nullable: true }),
      toStatus: t.expose('toStatus', { type: statusEnum, nullable: true }),
      message: t.exposeString('message', { nullable: true }),
      internal: t.exposeBoolean('internal', { description: 'Internal notes are shown only to staff who work the submission.' }),
      actorLabel: t.exposeString('actorLabel'),
      at: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });
}
