import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOWNLOAD_MIME_TYPE, saveBlob } from './saveBlob';

describe('saveBlob', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('downloads as octet-stream through a detached link and revokes the URL right after', () => {
    const urls: Blob[] = [];
    const revoked: string[] = [];
    const events: string[] = [];
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (blob: Blob) => {
        urls.push(blob);
        return `blob:test/${urls.length}`;
      },
      revokeObjectURL: (url: string) => {
        events.push('revoke');
        revoked.push(url);
      },
    });
    let clicked: HTMLAnchorElement | null = null;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      events.push('click');
      clicked = this;
    });
    saveBlob(new Blob(['<script>alert(1)</script>'], { type: 'text/html' }), 'page.html');
    expect(click).toHaveBeenCalledOnce();
    expect(urls[0]?.type).toBe(DOWNLOAD_MIME_TYPE);
    const link = clicked as HTMLAnchorElement | null;
    expect(link?.getAttribute('download')).toBe('page.html');
    expect(link?.getAttribute('href')).toBe('blob:test/1');
    expect(link?.isConnected).toBe(false);
    expect(events).toEqual(['click', 'revoke']);
    expect(revoked).toEqual(['blob:test/1']);
  });
});
