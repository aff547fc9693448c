import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource } from './literalScan';

const SRC = join(import.meta.dirname, '..');

/** Source files that are not UI: the catalogue itself, tests and their support. */
const SKIPPED = [/^i18n\//, /^test\//, /\.test\.tsx?$/, /\.d\.ts$/];

/** Files whose words are data, not UI, each with why. */
const SKIPPED_FILES: Record<string, string> = {
  // The BIP-39 word list room names are made of: names people share, the same in every language.
  'routing/roomWords.ts': 'room-name word list',
};

/** English that may stay, each with why. Kept tiny: everything else belongs in the catalogue. */
const ALLOWED: readonly { file: string; text: string; why: string }[] = [
  { file: 'components/home/HomePage.tsx', text: 'Meshwork', why: 'the product name' },
  // embed.js runs in the host's page and carries no catalogue: its one string (the iframe's
  // title) has a two-language table of its own.
  { file: 'embed/host/embed.ts', text: 'Meshwork call: …', why: "the host page's frame title" },
  { file: 'embed/host/embed.ts', text: 'Meshwork 通话：…', why: "the host page's frame title" },
  // The recording's canvas font: a CSS font list and weight/size shorthand, never shown as text.
  ...[
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    '600 …px …',
    '500 …px …',
  ].map((text) => ({ file: 'recording/drawTiles.ts', text, why: 'canvas font, not words' })),
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('no English outside the catalogue', { timeout: 60_000 }, () => {
  it('every component and store file takes its words from the catalogue', () => {
    const found = sources(SRC)
      .map((path) => relative(SRC, path))
      .filter((file) => !SKIPPED.some((re) => re.test(file)) && !(file in SKIPPED_FILES))
      .flatMap((file) => scanSource(file, readFileSync(join(SRC, file), 'utf8')))
      .filter((hit) => !ALLOWED.some((a) => a.file === hit.file && a.text === hit.text))
      .map((hit) => `${hit.file}:${hit.line} ${JSON.stringify(hit.text)}`);
    expect(found).toEqual([]);
  });

  it('the scan finds English in JSX text, visible attributes, labels and announcements', () => {
    const hits = scanSource(
      'Fixture.tsx',
      `
      const LABELS = { good: 'Good connection' };
      export function Fixture({ n, name }: { n: number; name: string }) {
        const text = \`\${name} shared a file\`;
        return (
          <div className={\`tile tile-\${n}\`} data-x="some thing" aria-label="Call controls">
            Leave call
            <input placeholder="Message everyone" title={n > 1 ? 'Close chat' : 'Open chat'} />
            {n === 1 ? 'person' : 'people'}
            {name}'s screen
            <span>{\`\${n} hops\`}</span>
          </div>
        );
      }
      `,
    ).map((h) => h.text);
    expect(hits).toEqual([
      'Good connection',
      '… shared a file',
      'Call controls',
      'Leave call',
      'Message everyone',
      'Close chat',
      'Open chat',
      'person',
      'people',
      "'s screen",
      '… hops',
    ]);
  });

  it('the scan leaves code alone: class names, keys, comparisons, imports, errors, logs', () => {
    const hits = scanSource(
      'Fixture.tsx',
      `
      import { x } from '../some/Module Name';
      const Lazy = lazy(() => import('../panels/SidePanel'));
      type Kind = 'Camera on';
      export function Fixture({ kind }: { kind: string }) {
        if (kind === 'Screen share') throw new Error('No session: join a room first');
        log.warn('Something went wrong here');
        switch (kind) { case 'Full mesh': break; }
        return <div className="btn btn-round" data-kind={kind} key="Some Key" id={\`hint-\${kind}\`} />;
      }
      `,
    );
    expect(hits).toEqual([]);
  });
});
