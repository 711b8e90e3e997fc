/**
 * An error the user can fix: printed as one line, without a stack, saying
 * what to do. Anything else that escapes is internal.
 */
export class UserError extends Error {
  override name = 'UserError';
}

export const REPORT_BUG =
  'this is a bug in stowaway; please report it with the command you ran and the message above';

export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
