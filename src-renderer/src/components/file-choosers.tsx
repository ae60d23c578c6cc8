/**
 * Choosing files and folders without the page ever naming a path (docs/security.md "Inputs"):
 * in Electron the shell's own dialog chooses (the service then accepts that path for a while); in
 * a browser a file is uploaded to the app's transfer folder and exports download. The screens
 * use these and never a path box.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, uploadToHost } from '../api';
import type { Output } from '../../../src-main/contract/index';

export type FileMode = Output<'files.mode'>;
/** A file as the service takes it: an upload, or a path the shell's dialog just chose. */
export type ChosenFile = { upload: string; name: string } | { path: string };

let mode: Promise<FileMode> | null = null;
/** How this transport moves files, asked once. */
export function useFileMode(): FileMode | null {
  const [m, setM] = useState<FileMode | null>(null);
  useEffect(() => {
    let live = true;
    mode ??= call('files.mode', {}).catch((e) => {
      mode = null;
      throw e;
    });
    mode.then((x) => live && setM(x)).catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return m;
}

/** A button that chooses a file: the shell's dialog, or the browser's chooser and an upload. The hidden input carries the test id. */
export function ChooseFile({
  label,
  accept,
  testid,
  disabled,
  onChosen,
  onError,
  folderLabel,
}: {
  label: string;
  /** Extensions without the dot (`csv`, `xlsx`, `zip`). */
  accept: string[];
  /** With the shell's dialogs, a second button that chooses a folder (a package not zipped). */
  folderLabel?: string;
  testid: string;
  disabled?: boolean;
  onChosen: (f: ChosenFile, name: string, bytes: number | null) => void | Promise<void>;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const m = useFileMode();
  const ref = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState(false);
  async function upload(f: File) {
    setSending(true);
    try {
      const u = await uploadToHost(f);
      await onChosen({ upload: u.upload, name: u.name }, f.name, f.size);
    } catch (e) {
      onError(e);
    } finally {
      setSending(false);
    }
  }
  async function dialog(kind: 'file' | 'folder') {
    try {
      const r = await call('files.choose', kind === 'file' ? { kind, extensions: accept } : { kind });
      if (r) await onChosen({ path: r.path }, r.name, r.bytes);
    } catch (e) {
      onError(e);
    }
  }
  return (
    <Group gap="xs">
      <input
        ref={ref}
        type="file"
        accept={accept.map((x) => `.${x}`).join(',')}
        hidden
        data-testid={testid}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void upload(f);
        }}
      />
      <Button
        size="xs"
        variant="default"
        disabled={disabled || !m || sending}
        onClick={() => (m?.dialogs ? void dialog('file') : ref.current?.click())}
        data-testid={`${testid}-button`}
      >
        {label}
      </Button>
      {folderLabel && m?.dialogs && (
        <Button size="xs" variant="default" disabled={disabled} onClick={() => void dialog('folder')} data-testid={`${testid}-folder`}>
          {folderLabel}
        </Button>
      )}
      {sending && (
        <Group gap={4}>
          <Loader size="xs" />
          <Text size="xs">{t('files.uploading')}</Text>
        </Group>
      )}
    </Group>
  );
}

/**
 * Where an export goes: with the shell's dialogs, a folder chosen there (shown; `value` its path);
 * in a browser none (`value` stays null) — the file downloads, and this says so.
 */
export function ChooseFolder({
  value,
  onChange,
  testid,
  onError,
}: {
  value: string | null;
  onChange: (folder: string | null) => void;
  testid: string;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const m = useFileMode();
  if (!m) return null;
  if (!m.dialogs)
    return (
      <Text size="xs" c="dimmed" data-testid={`${testid}-download`}>
        {t('files.willDownload')}
      </Text>
    );
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="default"
        data-testid={`${testid}-button`}
        onClick={() =>
          void call('files.choose', { kind: 'folder' })
            .then((r) => r && onChange(r.path))
            .catch(onError)
        }
      >
        {t('files.chooseFolder')}
      </Button>
      <Text size="xs" className="sn-mono" data-testid={testid} style={{ wordBreak: 'break-all' }}>
        {value ?? t('files.noFolder')}
      </Text>
    </Group>
  );
}

/** Whether an export may start: a browser always (it downloads), the shell once a folder is chosen. */
export const folderReady = (m: FileMode | null, folder: string | null) => !!m && (!m.dialogs || folder !== null);
