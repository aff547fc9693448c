import { useAppStore } from '../../store/StoreContext';
import type { FileEntry } from '../../store/types';
import { Name } from '../common/Name';
import { fileSize } from './fileSize';

function Received({
  file,
}: {
  file: FileEntry & { received: NonNullable<FileEntry['received']> };
}) {
  const save = useAppStore((s) => s.saveFile);
  const { data, released, sha256 } = file.received;
  return (
    <div className="file-done">
      {data ? (
        <button type="button" className="btn" onClick={() => save(file.transferId)}>
          Download <Name>{file.name}</Name>
        </button>
      ) : (
        <span className="muted">
          {released === 'saved' ? 'Saved' : 'No longer held here; ask for it again to save it'}
        </span>
      )}
      <span className="verified" title={`SHA-256 ${sha256}`}>
        ✓ verified (SHA-256 {sha256.slice(0, 12)}…)
      </span>
    </div>
  );
}

/**
 * One transfer: progress while it moves, then a download. Received bytes are only ever offered
 * as an opaque file to save, never shown in the app's origin, and leave memory once saved.
 */
export function FileRow({ file, from }: { file: FileEntry; from: string }) {
  const done = file.bytes >= file.size;
  const verb = file.direction === 'send' ? 'Sending' : 'Receiving';
  return (
    <li className="file">
      <div className="file-head">
        <Name className="file-name">{file.name}</Name>
        <span className="muted">
          {fileSize(file.size)} · <Name>{from}</Name>
        </span>
      </div>
      {!file.received && (
        <progress max={file.size} value={file.bytes} aria-label={`${verb} ${file.name}`}>
          {Math.round((file.bytes / Math.max(1, file.size)) * 100)}%
        </progress>
      )}
      {file.direction === 'send' && done && <span className="muted">Sent</span>}
      {file.received && <Received file={{ ...file, received: file.received }} />}
    </li>
  );
}
