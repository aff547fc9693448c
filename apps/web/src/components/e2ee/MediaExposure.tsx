import { useFormat, useT } from '../../i18n/useT';
import { useE2eeView } from './useE2eeView';

/**
 * Who sees this person's media (SPEC [P31]), for the people panel: the browsers that decode
 * their video to relay it, the media hubs that only forward it, and whose frames do not decrypt.
 */
export function MediaExposure() {
  const m = useT();
  const f = useFormat();
  const S = m.e2ee;
  const view = useE2eeView();
  const decoders = f.list(view.myDecoders.map((n) => S.withRole(n, S.relaySuffix)));
  const forwarders = f.list(view.myForwarders.map((n) => S.withRole(n, S.hubSuffix)));
  return (
    <section className="media-exposure" aria-label={S.exposureTitle}>
      <h3 className="small">{S.exposureTitle}</h3>
      <p className="small" data-exposure="decoders">
        {decoders ? S.decodedBy(decoders) : S.nobodyDecodes}
      </p>
      {forwarders && (
        <p className="small muted" data-exposure="forwarders">
          {S.forwardedBy(forwarders)}
        </p>
      )}
      {view.undecryptable.length > 0 && (
        <p className="small error" role="status" data-exposure="undecryptable">
          {S.cannotDecryptFrom(f.list(view.undecryptable))}
        </p>
      )}
    </section>
  );
}
