import { useState } from 'react';
import { QrCode } from './QrCode';

/** The code to give the other person: read-only text, a copy button and a QR code. */
export function YourCode({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="p2p-your-code" aria-label="Your code">
      <label>
        Your code
        <textarea readOnly value={code} rows={4} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" onClick={copy}>
        {copied ? 'Copied' : 'Copy your code'}
      </button>
      <QrCode text={code} label="Your code as a QR code" />
    </section>
  );
}
