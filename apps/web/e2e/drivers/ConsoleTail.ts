/**
 * The last warnings and errors a page wrote to its console, kept so that a failed step can say
 * what the page complained of without the run printing every line of every page.
 */
export class ConsoleTail {
  readonly #lines: string[] = [];

  constructor(private readonly limit = 30) {}

  push(line: string): void {
    this.#lines.push(`${new Date().toISOString().slice(11, 23)} ${line.slice(0, 300)}`);
    if (this.#lines.length > this.limit) this.#lines.shift();
  }

  lines(): readonly string[] {
    return this.#lines;
  }
}
