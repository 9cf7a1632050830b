/**
 * Settings → "Prometheus rules": downloads the Prometheus alerting rules file of the saved
 * settings (issue 10), made by the engine with the same code as `export-rules`.
 */
import { useState } from 'react';
import { useI18n } from '../i18n';
import { useApi } from '../state/context';

/** The download button and what it gives. */
export function PromRulesDownload() {
  const { t } = useI18n();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    const r = await api.exportRules(undefined);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    // A Blob link works the same in the browser and in the tray app's window (no network).
    const url = URL.createObjectURL(new Blob([r.value.content], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <fieldset className="section" data-testid="prom-rules">
      <legend>{t('settings.promRules.title')}</legend>
      <p className="muted">{t('settings.promRules.text')}</p>
      <button type="button" onClick={() => void download()}>
        {t('settings.promRules.download')}
      </button>
      {error !== null && (
        <p role="alert" className="error-text">
          {t('settings.promRules.failed', { message: error })}
        </p>
      )}
    </fieldset>
  );
}
