// Who is calling. Built once per request by access/identify.ts; what each kind may do is in access/policy.ts.
import type { StaffRole } from '../generated/prisma/enums.js';

export interface StaffViewer {
  kind: 'staff';
  staffId: string;
  email: string;
  name: string;
  roles: ReadonlySet<StaffRole>;
  /** The Steward row linked to this staff member, when they steward datasets. */
  stewardId: string | null;
}

export interface PartnerViewer {
  kind: 'partner';
  apiKeyId: string;
  prefix: string;
  organization: string;
  scopes: ReadonlySet<string>;
}

export interface AnonymousViewer {
  kind: 'anonymous';
}

export type Viewer = StaffViewer | PartnerViewer | AnonymousViewer;

export const anonymous: AnonymousViewer = { kind: 'anonymous' };

/** Short, human-readable actor label for audit trails and timelines. */
export function actorLabel(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'staff':
      return `${viewer.name} <${viewer.email}>`;
    case 'partner':
      return `API key ${viewer.prefix} (${viewer.organization})`;
    default:
      return 'anonymous';
  }
}
