import { useState } from 'react';
import { useT } from '../i18n/useT';
import { QrCode } from './QrCode';

/** The code to give the other person: read-only text, a copy button and a QR code. */
export function YourCode({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  const t = useT().p2p;
  const copy = () => {
    navigator.clipboard?.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="p2p-your-code" aria-label={t.yourCode}>
      <label>
        {t.yourCode}
        <textarea readOnly value={code} rows={4} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" onClick={copy}>
        {copied ? t.copied : t.copy}
      </button>
      <QrCode text={code} label={t.qr} />
    </section>
  );
}
