import { isLang, LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages';
import { useLang, useT } from '../../i18n/useT';

/**
 * The page's language, switched at once for the whole page and remembered in this browser.
 * Each language is listed by its own name, with a `lang` so it is read in that language.
 */
export function LanguageSelect({ id = 'language-select' }: { id?: string }) {
  const { lang, setLang } = useLang();
  const m = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{m.common.language}</label>
      <select
        id={id}
        className="input"
        value={lang}
        onChange={(e) => {
          if (isLang(e.target.value)) void setLang(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
