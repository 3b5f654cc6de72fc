import { createInterface } from "node:readline";

/** Reads one line from the terminal without echoing it. */
export function readHiddenLine(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const mutable = terminal as unknown as { _writeToOutput: (text: string) => void };
    process.stdout.write(prompt);
    mutable._writeToOutput = () => {};
    terminal.question("", (answer) => {
      terminal.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}
