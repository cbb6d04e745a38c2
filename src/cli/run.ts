/**
 * Runs a command-line task: its failure is one readable line on stderr and
 * exit code 1, never a stack trace or an unhandled rejection.
 */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
