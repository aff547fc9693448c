import { useEffect, useState } from 'react';
import type { FileEntry } from '../../store/types';
import { fileSize } from './fileSize';

/** One transfer: progress while it moves, a verified download once it arrived. */
export function FileRow({ file, from }: { file: FileEntry; from: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const received = file.received;
  useEffect(() => {
    if (!received) return;
    // Received files are assembled in a plain ArrayBuffer, never a shared one.
    const data = received.data as Uint8Array<ArrayBuffer>;
    const next = URL.createObjectURL(new Blob([data], { type: received.mimeType }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [received]);
  const done = file.bytes >= file.size;
  const verb = file.direction === 'send' ? 'Sending' : 'Receiving';

  return (
    <li className="file">
      <div className="file-head">
        <span className="file-name">{file.name}</span>
        <span className="muted">
          {fileSize(file.size)} · {from}
        </span>
      </div>
      {!file.received && (
        <progress max={file.size} value={file.bytes} aria-label={`${verb} ${file.name}`}>
          {Math.round((file.bytes / Math.max(1, file.size)) * 100)}%
        </progress>
      )}
      {file.direction === 'send' && done && <span className="muted">Sent</span>}
      {file.received && url && (
        <div className="file-done">
          <a className="btn" href={url} download={file.name}>
            Download {file.name}
          </a>
          <span className="verified" title={`SHA-256 ${file.received.sha256}`}>
            ✓ verified (SHA-256 {file.received.sha256.slice(0, 12)}…)
          </span>
        </div>
      )}
    </li>
  );
}
