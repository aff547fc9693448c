import { useRef } from 'react';
import { useT } from '../../i18n/useT';
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
  const m = useT();
  const t = m.panels;

  return (
    <div className="files">
      <input
        ref={input}
        id="file-input"
        type="file"
        className="sr-only"
        aria-label={t.chooseFile}
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
        {t.sendToEveryone}
      </button>
      <ul className="file-list" aria-label={t.files}>
        {files.size === 0 && <li className="muted">{t.noFiles}</li>}
        {[...files.values()].reverse().map((file) => (
          <RegionBoundary key={file.transferId} what={m.common.region.file} as="li">
            <FileRow
              file={file}
              from={file.origin === selfId ? t.fromYou : (names.get(file.origin) ?? t.fromSomeone)}
            />
          </RegionBoundary>
        ))}
      </ul>
    </div>
  );
}
