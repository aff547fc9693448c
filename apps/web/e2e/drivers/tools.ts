import type { PageDriver } from './PageDriver';

/** Bounds a wait for something a person would see within seconds (a loaded machine is slow). */
export const SEE_TIMEOUT_MS = 45_000;

/** What `pick` looks for: a role (tag set) and an accessible name, exact or as a prefix. */
export interface Pick {
  role: 'button' | 'textbox' | 'radio' | 'figure' | 'select' | 'file' | 'any';
  name: string;
  prefix?: boolean;
}

let picks = 0;

/**
 * Finds the element a person would by role and name, in the page itself (so both engines find it
 * the same way), marks it and returns a CSS selector for the driver's real input. Waits for it.
 */
export async function pick(page: PageDriver, what: Pick, within?: Pick): Promise<string> {
  picks += 1;
  const mark = `p${picks}`;
  await page.waitFor(
    ({ what, within, mark }) => {
      const tags: Record<string, string> = {
        button: 'button, [role="button"]',
        textbox: 'input:not([type]), input[type="text"], input[type="password"], textarea',
        radio: 'input[type="radio"], [role="radio"]',
        figure: 'figure',
        select: 'select',
        file: 'input[type="file"]',
        any: '*',
      };
      const nameOf = (el: Element): string => {
        const aria = el.getAttribute('aria-label');
        if (aria !== null) return aria.trim();
        const labels = (el as HTMLInputElement).labels;
        if (labels && labels.length > 0) return (labels[0]?.textContent ?? '').trim();
        return (el.textContent ?? '').trim();
      };
      const matches = (el: Element, p: typeof what) => {
        const name = nameOf(el);
        return p.prefix ? name.startsWith(p.name) : name === p.name;
      };
      let scope: ParentNode = document;
      if (within) {
        const outer = [...document.querySelectorAll(tags[within.role] ?? '*')].find((el) =>
          matches(el, within),
        );
        if (!outer) return false;
        scope = outer;
      }
      const el = [...scope.querySelectorAll(tags[what.role] ?? '*')].find((e) => matches(e, what));
      if (!el) return false;
      el.setAttribute('data-e2e-pick', mark);
      return true;
    },
    { what, within, mark },
    SEE_TIMEOUT_MS,
  );
  return `[data-e2e-pick="${mark}"]`;
}

/** Clicks the button (or other element) a person would find by that name. */
export async function press(page: PageDriver, name: string, within?: Pick): Promise<void> {
  await page.click(await pick(page, { role: 'button', name }, within));
}

/** Types into the text box labelled `label`. */
export async function fill(page: PageDriver, label: string, text: string): Promise<void> {
  await page.type(await pick(page, { role: 'textbox', name: label }), text);
}

/** Waits until some element's own text contains `text` (inside the figure named `tile`, if given). */
export async function seeText(
  page: PageDriver,
  text: string,
  tile?: string,
  timeoutMs = SEE_TIMEOUT_MS,
): Promise<void> {
  try {
    await page.waitFor(
      ({ text, tile }) => {
        const scope = tile
          ? [...document.querySelectorAll('figure')].find(
              (f) => f.getAttribute('aria-label') === tile,
            )
          : document.body;
        return scope?.textContent?.includes(text) ?? false;
      },
      { text, tile },
      timeoutMs,
    );
  } catch (error) {
    // Say what the page showed instead, so a failed run tells where it stood.
    const shown = await page
      .evaluate((tile) => {
        const figure = tile
          ? [...document.querySelectorAll('figure')].find(
              (f) => f.getAttribute('aria-label') === tile,
            )
          : undefined;
        const header = document.querySelector('header')?.textContent ?? '';
        return `${figure ? `tile: ${figure.textContent} | ` : ''}header: ${header}`;
      }, tile)
      .catch(() => '(the page did not answer)');
    const complaints = page.recentConsole();
    throw new Error(
      `"${text}" never appeared${tile ? ` in the tile of ${tile}` : ''}; it showed: ${shown.slice(0, 400)}` +
        (complaints.length > 0 ? `\nits console said:\n  ${complaints.join('\n  ')}` : ''),
      { cause: error },
    );
  }
}

/**
 * Opens a side panel with its control button unless it is open already (the button then reads
 * `close`, for example 'Close chat').
 */
export async function openPanel(page: PageDriver, open: string, close: string): Promise<void> {
  const isOpen = await page.evaluate(
    (close) =>
      [...document.querySelectorAll('button')].some(
        (b) => b.getAttribute('aria-label')?.startsWith(close) ?? false,
      ),
    close,
  );
  if (!isOpen) await page.click(await pick(page, { role: 'button', name: open, prefix: true }));
}
