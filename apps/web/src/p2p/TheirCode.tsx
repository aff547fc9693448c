import { useState } from 'react';
import { useT } from '../i18n/useT';

/** Where the other person's code is pasted. */
export function TheirCode({ busy, onUse }: { busy: boolean; onUse: (code: string) => void }) {
  const [code, setCode] = useState('');
  const t = useT().p2p;
  return (
    <form
      className="p2p-their-code"
      onSubmit={(e) => {
        e.preventDefault();
        onUse(code);
      }}
    >
      <label>
        {t.theirCode}
        <textarea value={code} rows={4} onChange={(e) => setCode(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy || code.trim() === ''}>
        {t.useTheirCode}
      </button>
    </form>
  );
}
