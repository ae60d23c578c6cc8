/**
 * The set-up wizard's last step: the recovery sheet (docs/security.md "The recovery sheet").
 * It shows the sheet as it will print, prints it or saves it as PDF, and asks the administrator
 * to confirm it is kept before the set-up can finish. A database that is not encrypted has no
 * sheet: the step says so and lets the set-up finish.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { downloadBase64 } from '../lib/files';

/** An A4 page (210 mm) shown whole in the wizard's width; printing is not scaled. */
const FIT_PREVIEW = '@media screen { body { zoom: 0.68; } }';

export interface RecoveryState {
  /** True once the sheet is confirmed kept, or when there is no sheet (a plaintext store). */
  done: boolean;
  /** False when the store is not encrypted. */
  encrypted: boolean;
}

export function SetupWizardRecovery({
  officeName,
  county,
  kept,
  onChange,
}: {
  officeName: string;
  county: string;
  kept: boolean;
  /** Stable (a state setter): the sheet is fetched again only when the office changes. */
  onChange: (s: RecoveryState) => void;
}) {
  const { t } = useTranslation();
  const [html, setHtml] = useState<string | null>(null);
  const [encrypted, setEncrypted] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    let live = true;
    call('store.setupRecoverySheet', { office: { name: officeName, county }, format: 'html' })
      .then((r) => live && setHtml(r.html ?? ''))
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.code === 'not_encrypted') {
          setEncrypted(false);
          onChange({ done: true, encrypted: false });
        } else setError(e);
      });
    return () => {
      live = false;
    };
  }, [officeName, county, onChange]);

  function print() {
    const w = frame.current?.contentWindow;
    if (w) {
      w.focus();
      w.print();
    }
  }
  async function savePdf() {
    setSaving(true);
    setError(null);
    try {
      const r = await call('store.setupRecoverySheet', { office: { name: officeName, county }, format: 'pdf' });
      downloadBase64(r.fileName, r.base64 ?? '', r.mime);
      setSaved(r.fileName);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  if (!encrypted)
    return (
      <Text size="sm" c="dimmed" data-testid="setup-recovery-none">
        {t('recovery.notEncrypted')}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="setup-recovery">
      <Text size="sm">{t('recovery.intro')}</Text>
      <Paper withBorder p={0} h={260} style={{ overflow: 'hidden', position: 'relative' }}>
        {html === null && !error && <Loader size="sm" m="sm" />}
        {html !== null && (
          <iframe
            ref={frame}
            title={t('recovery.preview')}
            srcDoc={html.replace('</head>', `<style>${FIT_PREVIEW}</style></head>`)}
            sandbox="allow-same-origin allow-modals"
            data-testid="setup-recovery-preview"
            style={{ width: '100%', height: '100%', border: 0, display: 'block' }}
          />
        )}
      </Paper>
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={print} disabled={html === null} data-testid="setup-recovery-print">
          {t('recovery.print')}
        </Button>
        <Button size="xs" variant="light" onClick={() => void savePdf()} loading={saving} data-testid="setup-recovery-pdf">
          {t('recovery.savePdf')}
        </Button>
        {saved && (
          <Text size="xs" c="teal">
            {t('recovery.saved', { f: saved })}
          </Text>
        )}
      </Group>
      <Checkbox
        checked={kept}
        onChange={(e) => onChange({ done: e.currentTarget.checked, encrypted: true })}
        label={t('recovery.kept')}
        data-testid="setup-recovery-kept"
      />
      {!kept && (
        <Text size="xs" c="dimmed" data-testid="setup-recovery-needed">
          {t('recovery.keptNeeded')}
        </Text>
      )}
      <ErrorAlert error={error} />
    </Stack>
  );
}
