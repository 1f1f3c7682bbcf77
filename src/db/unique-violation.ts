// A unique constraint refused a write: usually a concurrent request created the same row first.
import { Prisma } from '../generated/prisma/client.js';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
