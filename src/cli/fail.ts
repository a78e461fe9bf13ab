/** Ends the command with a message a person can act on. */
export function fail(message: string): never {
  process.stderr.write(`keyless: ${message}\n`);
  process.exit(1);
}
