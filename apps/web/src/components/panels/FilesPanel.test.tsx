import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DOWNLOAD_MIME_TYPE } from '../../files/saveBlob';
import { MAX_HELD_FILE_BYTES } from '../../store/feed/heldFiles';
import { ids, peer, roomView } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { FilesPanel } from './FilesPanel';

async function setup() {
  const saveFile = vi.fn();
  const made = renderWithStore(<FilesPanel />, { deps: { saveFile } });
  await act(() => made.store.getState().join('brave-otter-42'));
  act(() => {
    made.session().emit('statusChanged', { status: 'joined' });
    made.session().emit('roomChanged', roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)]));
  });
  const receive = (transferId: string, name: string, size: number, mimeType = 'text/html') =>
    act(() =>
      made.session().emit('fileReceived', {
        transferId,
        origin: ids.ana,
        name,
        size,
        mimeType,
        sha256: 'cd'.repeat(32),
        data: new Uint8Array(size),
      }),
    );
  return { ...made, saveFile, receive };
}

describe('FilesPanel: received files', () => {
  it('offers a received file only as an octet-stream download, never as a link into the page', async () => {
    const { saveFile, receive, store } = await setup();
    receive('t1', 'page.html', 16);
    // Nothing points the page's origin at the bytes before the person asks to save them.
    expect(document.querySelector('a[href^="blob:"]')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Download page.html' }));
    expect(saveFile).toHaveBeenCalledOnce();
    const [blob, name] = saveFile.mock.calls[0] as [Blob, string];
    expect(blob.type).toBe(DOWNLOAD_MIME_TYPE);
    expect(name).toBe('page.html');
    // Saved: the bytes leave memory and the row says so.
    expect(store.getState().files.get('t1')?.received?.data).toBeNull();
    expect(screen.getByText('Saved')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download page.html' })).toBeNull();
  });

  it('lets go of the oldest unsaved file once the held bytes pass the limit', async () => {
    const { receive, store } = await setup();
    const half = MAX_HELD_FILE_BYTES / 2;
    receive('old', 'old.bin', half);
    receive('mid', 'mid.bin', half);
    receive('new', 'new.bin', 1);
    expect(store.getState().files.get('old')?.received).toMatchObject({
      data: null,
      released: 'expired',
    });
    expect(screen.getByText(/No longer held here/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download mid.bin' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download new.bin' })).toBeInTheDocument();
  });

  it("isolates a file name and its sender's name", async () => {
    const { receive } = await setup();
    const evil = 'invoice\u202Efdp.exe';
    receive('t1', evil, 4);
    const row = screen.getByRole('button', { name: `Download ${evil}` }).closest('li');
    const names = [...(row?.querySelectorAll('bdi') ?? [])].map((b) => b.textContent);
    expect(names).toEqual([evil, 'Ana', evil]);
  });
});
