import { E2EE_STRINGS as S } from '../../e2ee/strings';
import { useE2eeView } from './useE2eeView';

/**
 * Who sees this person's media (SPEC [P31]), for the people panel: the browsers that decode
 * their video to relay it, the media hubs that only forward it, and whose frames do not decrypt.
 */
export function MediaExposure() {
  const view = useE2eeView();
  const decoders = view.myDecoders.map((n) => `${n} (${S.relaySuffix})`).join(', ');
  const forwarders = view.myForwarders.map((n) => `${n} (${S.hubSuffix})`).join(', ');
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
          {S.cannotDecryptFrom(view.undecryptable.join(', '))}
        </p>
      )}
    </section>
  );
}
