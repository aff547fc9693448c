import { useRef } from 'react';
import { useAppStore } from '../../store/StoreContext';
import { RegionBoundary } from '../common/RegionBoundary';
import { FileRow } from './FileRow';

/** Send a file to the room and download the ones others sent, each verified by SHA-256. */
export function FilesPanel() {
  const files = useAppStore((s) => s.files);
  const names = useAppStore((s) => s.names);
  const selfId = useAppStore((s) => s.room?.selfId);
  const sendFile = useAppStore((s) => s.sendFile);
  const input = useRef<HTMLInputElement>(null);

  return (
    <div className="files">
      <input
        ref={input}
        id="file-input"
        type="file"
        className="sr-only"
        aria-label="Choose a file to send to the room"
        onChange={(e) => {
          for (const file of e.target.files ?? []) void sendFile(file);
          e.target.value = '';
        }}
      />
      <button
        type="button"
        className="btn btn-primary btn-wide"
        onClick={() => input.current?.click()}
      >
        Send a file to everyone
      </button>
      <ul className="file-list" aria-label="Files">
        {files.size === 0 && <li className="muted">No files yet.</li>}
        {[...files.values()].reverse().map((file) => (
          <RegionBoundary key={file.transferId} what="this file" as="li">
            <FileRow
              file={file}
              from={file.origin === selfId ? 'you' : (names.get(file.origin) ?? 'someone')}
            />
          </RegionBoundary>
        ))}
      </ul>
    </div>
  );
}
