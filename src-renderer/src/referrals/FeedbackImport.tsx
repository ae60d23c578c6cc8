/**
 * A department's feedback file (the push list returned with its results, docs/rules/assistance.md
 * §7) goes through the exchange like every department file: uploaded with `exchange.start`
 * (source `referral_feedback`), followed until applied, then its summary and the rows it
 * rejected are shown. Nothing of the file is read here.
 */
import { useRef, useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { fileToBase64 } from './common';

type Summary = NonNullable<Output<'exchange.status'>['summary']>;
type Rejected = Output<'exchange.rejected'>['rows'];
interface Outcome {
  file: string;
  summary: Summary;
  rejected: Rejected;
  /** The same file was imported before: its earlier summary, nothing applied again. */
  duplicate: boolean;
}

/** How often the import's progress is asked while it runs. */
const POLL_MS = 400;

/** Uploads the file to the exchange and waits for its summary. */
async function importFeedback(f: File): Promise<Outcome> {
  const started = await call('exchange.start', { file: { base64: await fileToBase64(f), name: f.name }, source: 'referral_feedback' });
  let summary = started.summary;
  while (!summary) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const st = await call('exchange.status', { importId: started.importId });
    if (st.running) continue;
    if (!st.summary) throw new Error(st.error ?? st.status);
    summary = st.summary;
  }
  const rejected = summary.rejected.length > 0 ? (await call('exchange.rejected', { importId: started.importId })).rows : [];
  return { file: f.name, summary, rejected, duplicate: started.duplicateFile };
}

export function FeedbackImport({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [out, setOut] = useState<Outcome | null>(null);
  async function onFile(f: File | undefined) {
    if (!f) return;
    setBusy(true);
    setError(null);
    setOut(null);
    try {
      setOut(await importFeedback(f));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }
  const bad = out ? [...out.rejected].sort((a, b) => a.row - b.row) : [];
  return (
    <Paper withBorder p="xs" data-testid="feedback-import">
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t('referrals.importTitle')}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {t('referrals.importHint')}
        </Text>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.csv"
          hidden
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          data-testid="feedback-file"
        />
        <Button size="xs" variant="default" ml="auto" loading={busy} onClick={() => input.current?.click()} data-testid="feedback-choose">
          {t('referrals.chooseFile')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {out && (
        <Stack gap={4} mt={6} data-testid="feedback-result">
          <Group gap="xs">
            <Text size="xs">
              {t('referrals.fileName')}: {out.file}
            </Text>
            <Badge color="teal" data-testid="feedback-applied" data-n={out.summary.accepted}>
              {t('referrals.applied', { n: out.summary.accepted })}
            </Badge>
            <Badge color={bad.length ? 'red' : 'gray'} data-testid="feedback-rejected" data-n={bad.length}>
              {t('referrals.rejected', { n: bad.length })}
            </Badge>
            {out.duplicate && (
              <Badge color="gray" variant="light" data-testid="feedback-duplicate">
                {t('referrals.duplicateFile')}
              </Badge>
            )}
          </Group>
          {bad.length > 0 && (
            <Table fz="xs" verticalSpacing={1} data-testid="feedback-rejections">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={50}>{t('referrals.row')}</Table.Th>
                  <Table.Th w={130}>{t('referrals.column')}</Table.Th>
                  <Table.Th>{t('referrals.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bad.map((b, i) => (
                  <Table.Tr key={i} data-testid="feedback-rejection">
                    <Table.Td>{b.row}</Table.Td>
                    <Table.Td>{b.column}</Table.Td>
                    <Table.Td>{b.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Paper>
  );
}
