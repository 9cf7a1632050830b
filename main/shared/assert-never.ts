/** Marks a branch the type checker proves unreachable; throws if it is reached at run time. */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
