import { isolate } from '../../format/bidi';
import { useFormat, useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import type { FileEntry } from '../../store/types';
import { Isolated } from '../common/Isolated';
import { Name } from '../common/Name';

function Received({
  file,
}: {
  file: FileEntry & { received: NonNullable<FileEntry['received']> };
}) {
  const save = useAppStore((s) => s.saveFile);
  const { data, released, sha256 } = file.received;
  const t = useT().panels;
  return (
    <div className="file-done">
      {data ? (
        <button type="button" className="btn" onClick={() => save(file.transferId)}>
          <Isolated text={t.download(isolate(file.name))} />
        </button>
      ) : (
        <span className="muted">{released === 'saved' ? t.saved : t.released}</span>
      )}
      <span className="verified" title={t.hashTitle(sha256)}>
        {t.verified(sha256.slice(0, 12))}
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
  const t = useT().panels;
  const f = useFormat();
  const moving = file.direction === 'send' ? t.sending(file.name) : t.receiving(file.name);
  return (
    <li className="file">
      <div className="file-head">
        <Name className="file-name">{file.name}</Name>
        <span className="muted">
          {f.bytes(file.size)} · <Name>{from}</Name>
        </span>
      </div>
      {!file.received && (
        <progress max={file.size} value={file.bytes} aria-label={moving}>
          {f.percent(file.bytes / Math.max(1, file.size))}
        </progress>
      )}
      {file.direction === 'send' && done && <span className="muted">{t.sent}</span>}
      {file.received && <Received file={{ ...file, received: file.received }} />}
    </li>
  );
}
