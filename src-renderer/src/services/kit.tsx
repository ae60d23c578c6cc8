/**
 * Pieces the service-assistance and recovery screens share: a keyboard form (Enter moves on,
 * Ctrl+S saves; the dialog around it closes on Esc and keeps what was typed), a loader hook, yuan
 * input, and the print panel of a form from src-main/reports (preview as printed, print, PDF, XLSX).
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Input } from '../../../src-main/contract/index';
import { yuanToFen } from '../../../src-main/common/money';
import { ErrorAlert } from '../lib/errors';
import { downloadBase64 } from '../lib/files';
import { enterMovesOn } from '../lib/paths';

/** A form whose Enter moves to the next field and Ctrl+S saves. */
export function KeyForm({ onSave, children, testid }: { onSave: () => void; children: ReactNode; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div
      ref={ref}
      data-testid={testid}
      onKeyDownCapture={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          onSave();
          return;
        }
        enterMovesOn(ref.current)(e);
      }}
    >
      {children}
    </div>
  );
}

/** Loads with `f` whenever `deps` change; `reload()` asks again. */
export function useLoad<T>(f: () => Promise<T>, deps: readonly unknown[]) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  const load = useCallback(f, deps);
  useEffect(() => {
    let live = true;
    load()
      .then((v) => {
        if (live) {
          setValue(v);
          setError(null);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [load, tick]);
  return { value, error, reload: () => setTick((x) => x + 1) };
}

/** Fen from what was typed in yuan (`1,523.5`), or null when it is not an amount with at most two decimals. */
export function fenOf(text: string): number | null {
  const t = text.replaceAll(',', '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return yuanToFen(t);
}

/** The error of a call when it concerns `field` (shown beside that field). */
export const fieldError = (e: unknown, field: string): string | undefined =>
  e instanceof ApiError && e.field === field ? e.message : undefined;

type Request = Omit<Input<'reports.render'>, 'format'>;

/** A printed form: its print view in a frame, printed as it is, saved as PDF or exported to XLSX. */
export function PrintPanel({ request, prefix, height = 420 }: { request: Request | null; prefix: string; height?: number }) {
  const { t } = useTranslation();
  const [html, setHtml] = useState<{ html: string; pages: number | null; fileName: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const key = JSON.stringify(request);
  useEffect(() => {
    if (!request) {
      setHtml(null);
      return;
    }
    let live = true;
    setBusy('html');
    setError(null);
    call('reports.render', { ...request, format: 'html' })
      .then((r) => live && setHtml({ html: r.html ?? '', pages: r.pages, fileName: r.fileName }))
      .catch((e) => live && setError(e))
      .finally(() => live && setBusy(null));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the request by value
  }, [key]);
  async function save(format: 'pdf' | 'xlsx') {
    if (!request) return;
    setBusy(format);
    setError(null);
    try {
      const r = await call('reports.render', { ...request, format });
      downloadBase64(r.fileName, r.base64 ?? '', r.mime);
      notifications.show({ color: 'teal', message: t('services.saved', { f: r.fileName }) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <Button size="xs" onClick={() => frame.current?.contentWindow?.print()} disabled={!html || !!busy} data-testid={`${prefix}-print`}>
          {t('services.print')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => void save('pdf')}
          disabled={!request || !!busy}
          loading={busy === 'pdf'}
          data-testid={`${prefix}-pdf`}
        >
          {t('services.savePdf')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => void save('xlsx')}
          disabled={!request || !!busy}
          loading={busy === 'xlsx'}
          data-testid={`${prefix}-xlsx`}
        >
          {t('services.exportXlsx')}
        </Button>
        <Text size="xs" c="dimmed" data-testid={`${prefix}-pages`}>
          {busy === 'html' ? t('services.rendering') : html?.pages ? t('services.pages', { n: html.pages }) : ''}
        </Text>
        {busy === 'html' && <Loader size="xs" />}
      </Group>
      <ErrorAlert error={error} />
      <Paper withBorder p={0} style={{ height, overflow: 'hidden' }}>
        {html && (
          <iframe
            ref={frame}
            title={t('services.preview')}
            srcDoc={html.html}
            sandbox="allow-same-origin allow-modals"
            data-testid={`${prefix}-preview`}
            style={{ width: '100%', height: '100%', border: 0, display: 'block' }}
          />
        )}
      </Paper>
    </Stack>
  );
}
