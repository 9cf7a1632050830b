/** The message of a thrown value, for logs, events and notices. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
