// Small shared pieces of the CLI: usage errors, exit codes, output.
import { InputError } from "../lib/problems";

export class UsageError extends Error {}

export interface CommandIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIO: CommandIO = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

export function reportInputError(io: CommandIO, error: InputError): void {
  io.err(`routing-infra: ${error.message}`);
}
