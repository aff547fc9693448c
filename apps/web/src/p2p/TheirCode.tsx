import { useState } from 'react';

/** Where the other person's code is pasted. */
export function TheirCode({ busy, onUse }: { busy: boolean; onUse: (code: string) => void }) {
  const [code, setCode] = useState('');
  return (
    <form
      className="p2p-their-code"
      onSubmit={(e) => {
        e.preventDefault();
        onUse(code);
      }}
    >
      <label>
        Their code
        <textarea value={code} rows={4} onChange={(e) => setCode(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy || code.trim() === ''}>
        Use their code
      </button>
    </form>
  );
}
