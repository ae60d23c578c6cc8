/**
 * The import wizard: file → source (suggested from the file) → column mapping (automatic,
 * adjustable, remembered per source) → preview (encoding and header row shown) → validation
 * report (row, column, problem; saved as CSV) → import with a progress bar, counts, ETA and a
 * confirmed cancel → summary (read, accepted, rejected, matched, unknown persons, warnings,
 * duplicate file notice).
 */
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NativeSelect,
  NumberInput,
  Pagination,
  Paper,
  Progress,
  Radio,
  ScrollArea,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useAction } from '../lib/action';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { downloadBase64 } from '../lib/policy';
import { navigate } from '../lib/router';
import { FileButton, fileToBase64, isIso, sizeText, todayLocal } from '../components/files';
import { sourceFromName, sourceName, useSources } from './sources';

type FileIn = { base64: string; name: string } | { path: string };
type Status = Output<'exchange.status'>;
type Summary = NonNullable<Status['summary']>;
interface Field {
  key: string;
  label: string;
  required: boolean;
  type: string;
}
interface Preview {
  file: string;
  bytes: number;
  source: string;
  format: string;
  encoding: string | null;
  headerRow: number;
  header: string[];
  mapping: Record<string, string>;
  missing: string[];
  savedMapping: boolean;
  needsAuthorisation: boolean;
  fields: Field[];
  rows: { row: number; cells: string[] }[];
}
interface Validation {
  file: string;
  encoding: string | null;
  format: string;
  headerRow: number;
  rowsRead: number;
  valid: number;
  invalid: number;
  matchedRows: number;
  unknownRows: number;
  problems: { row: number; column: string; problem: string }[];
  truncated: boolean;
  reportCsvBase64: string;
}

const MAX_UPLOAD = 32 * 1024 * 1024;
/** Above this, the source is suggested from the name only (each guess would re-send the file). */
const PROBE_LIMIT = 4 * 1024 * 1024;
const PROBLEM_PAGE = 15;

export function ImportWizard() {
  const { t, i18n } = useTranslation();
  const sources = useSources();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<FileIn | null>(null);
  const [fileLabel, setFileLabel] = useState('');
  const [fileBytes, setFileBytes] = useState<number | null>(null);
  const [pathText, setPathText] = useState('');
  const [reading, setReading] = useState(false);
  const [fileDate, setFileDate] = useState(todayLocal());
  const [source, setSource] = useState('');
  const [suggested, setSuggested] = useState<{ source: string | null; scores: Record<string, number> } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [headerRow, setHeaderRow] = useState<number | undefined>(undefined);
  const [saveMap, setSaveMap] = useState(true);
  const [validation, setValidation] = useState<Validation | null>(null);
  const [problemPage, setProblemPage] = useState(1);
  const { busy, error, setError, run } = useAction();
  const [importId, setImportId] = useState<number | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [start, setStart] = useState<{ duplicateFile: boolean; resumed: boolean; summary: Summary | null } | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current) window.clearTimeout(timer.current);
    },
    [],
  );
  // An import keeps running when the clerk leaves this page: coming back shows its progress (and its cancel), not a second wizard.
  const [reattached, setReattached] = useState(false);
  useEffect(() => {
    let live = true;
    call('exchange.running', {})
      .then((r) => {
        if (!live || r.importId === null) return;
        setImportId(r.importId);
        setStart({ duplicateFile: false, resumed: false, summary: null });
        setReattached(true);
        setStep(5);
        void poll(r.importId);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function reset() {
    if (timer.current) window.clearTimeout(timer.current);
    setStep(0);
    setFile(null);
    setFileLabel('');
    setFileBytes(null);
    setPathText('');
    setSource('');
    setSuggested(null);
    setPreview(null);
    setMapping({});
    setHeaderRow(undefined);
    setValidation(null);
    setImportId(null);
    setStatus(null);
    setStart(null);
    setError(null);
    setProblemPage(1);
    setReattached(false);
  }

  // --- step 1: file -------------------------------------------------------------------------
  async function chooseFile(f: File) {
    setError(null);
    if (f.size > MAX_UPLOAD) {
      setError(new Error(t('exchange.tooLarge', { name: f.name, size: sizeText(f.size) })));
      return;
    }
    setReading(true);
    try {
      const base64 = await fileToBase64(f);
      await fileChosen({ base64, name: f.name }, f.name, f.size);
    } catch (e) {
      setError(e);
    } finally {
      setReading(false);
    }
  }
  async function fileChosen(fi: FileIn, label: string, bytes: number | null) {
    setFile(fi);
    setFileLabel(label);
    setFileBytes(bytes);
    setPreview(null);
    setValidation(null);
    setMapping({});
    setHeaderRow(undefined);
    setStep(1);
    await suggest(fi, label, bytes);
  }
  /** Tries every source on the first rows (small files and paths) and on the file name. */
  async function suggest(fi: FileIn, name: string, bytes: number | null) {
    setSuggested(null);
    const byName = sourceFromName(name);
    const scores: Record<string, number> = {};
    const list = sources.length ? sources : await call('exchange.sources', {});
    if ('path' in fi || (bytes ?? 0) <= PROBE_LIMIT) {
      await Promise.all(
        list.map(async (s) => {
          try {
            const p = (await call('exchange.preview', { file: fi, source: s.source as never, rows: 1 })) as Preview;
            scores[s.source] = Object.keys(p.mapping).length * 2 - p.missing.length * 5;
          } catch {
            /* not this source */
          }
        }),
      );
    }
    if (byName) scores[byName] = (scores[byName] ?? 0) + 3;
    const best =
      Object.entries(scores)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    setSuggested({ source: best, scores });
    setSource((cur) => cur || best || '');
  }

  // --- steps 2-3: mapping and preview ---------------------------------------------------------
  async function loadPreview(opts: { keepMapping: boolean; headerRow?: number }) {
    if (!file || !source) return;
    const p = (await run(() =>
      call('exchange.preview', {
        file,
        source: source as never,
        rows: 12,
        ...(opts.keepMapping ? { mapping } : {}),
        ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
      }),
    )) as Preview | undefined;
    if (!p) return null;
    setPreview(p);
    setMapping(p.mapping);
    setHeaderRow(p.headerRow);
    return p;
  }
  const missing = preview ? preview.fields.filter((f) => f.required && !mapping[f.key]) : [];
  const fieldLabel = (f: Field) => t(`exchange.fields.${f.key}`, { defaultValue: f.label });

  async function toMapping() {
    if (await loadPreview({ keepMapping: false, headerRow: preview?.source === source ? headerRow : undefined })) setStep(2);
  }
  async function toPreview() {
    if (missing.length) return;
    if (saveMap) {
      try {
        await call('exchange.saveMapping', { source: source as never, mapping });
      } catch (e) {
        setError(e);
        return;
      }
    }
    if (await loadPreview({ keepMapping: true, headerRow })) setStep(3);
  }
  async function toReport() {
    if (!file) return;
    setProblemPage(1);
    const v = await run(() => call('exchange.validate', { file, source: source as never, mapping, headerRow, fileDate }));
    if (!v) return;
    setValidation(v as Validation);
    setStep(4);
  }

  // --- step 5: import -----------------------------------------------------------------------
  async function poll(id: number) {
    try {
      const s = await call('exchange.status', { importId: id });
      setStatus(s);
      if (s.running || (!s.summary && !s.error && s.status !== 'cancelled' && s.status !== 'failed'))
        timer.current = window.setTimeout(() => void poll(id), 400);
    } catch (e) {
      setError(e);
    }
  }
  async function runImport() {
    if (!file) return;
    setStatus(null);
    setStart(null);
    // Busy until the first progress is in.
    await run(async () => {
      const r = await call('exchange.start', { file, source: source as never, mapping, headerRow, fileDate, saveMapping: saveMap });
      setStart({ duplicateFile: r.duplicateFile, resumed: r.resumed, summary: r.summary });
      setImportId(r.importId);
      setStep(5);
      if (!r.duplicateFile) await poll(r.importId);
    });
  }
  async function cancel() {
    setConfirmCancel(false);
    if (importId === null) return;
    try {
      await call('exchange.cancel', { importId });
    } catch (e) {
      setError(e);
    }
    if (timer.current) window.clearTimeout(timer.current);
    await poll(importId);
  }

  const srcInfo = sources.find((s) => s.source === source);
  const summary: Summary | null = start?.duplicateFile ? start.summary : (status?.summary ?? null);
  const running = !!status?.running;
  const done = !!summary;
  const pct = done ? 100 : status && status.total > 0 ? Math.min(100, Math.round((status.done / status.total) * 100)) : 0;

  return (
    <Stack gap="xs" data-testid="ex-wizard" data-step={step}>
      <Stepper
        active={done ? 6 : step}
        size="xs"
        onStepClick={(s) => {
          if (s < step && step < 5) setStep(s);
        }}
        allowNextStepsSelect={false}
        data-testid="ex-stepper"
      >
        <Stepper.Step
          label={t('exchange.steps.file')}
          description={
            fileLabel ? (
              <Text size="xs" truncate maw={130}>
                {fileLabel}
              </Text>
            ) : undefined
          }
        />
        <Stepper.Step
          label={t('exchange.steps.source')}
          description={
            srcInfo && step > 1 ? (
              <Text size="xs" truncate maw={130}>
                {sourceName(srcInfo, i18n.language)}
              </Text>
            ) : undefined
          }
        />
        <Stepper.Step label={t('exchange.steps.mapping')} />
        <Stepper.Step label={t('exchange.steps.preview')} />
        <Stepper.Step label={t('exchange.steps.report')} />
        <Stepper.Step label={t('exchange.steps.import')} />
      </Stepper>
      <ErrorAlert error={error} />

      {step === 0 && (
        <Paper withBorder p="sm" data-testid="ex-step-file">
          <Stack gap="xs">
            <Group gap="xs">
              <FileButton
                label={t('exchange.chooseFile')}
                accept=".csv,.txt,.xlsx"
                onFile={(f) => void chooseFile(f)}
                testid="ex-file"
                disabled={reading}
              />
              {reading && (
                <Group gap={4}>
                  <Loader size="xs" />
                  <Text size="xs">{t('exchange.reading')}</Text>
                </Group>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t('exchange.fileHint')}
            </Text>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                size="xs"
                w={520}
                label={t('exchange.orPath')}
                placeholder={t('exchange.pathPlaceholder')}
                value={pathText}
                data-testid="ex-path"
                onChange={(e) => setPathText(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && pathText.trim())
                    void fileChosen({ path: pathText.trim() }, pathText.trim().split(/[\\/]/).pop() ?? pathText, null);
                }}
              />
              <Button
                size="xs"
                variant="default"
                disabled={!pathText.trim()}
                data-testid="ex-path-use"
                onClick={() => void fileChosen({ path: pathText.trim() }, pathText.trim().split(/[\\/]/).pop() ?? pathText, null)}
              >
                {t('exchange.usePath')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {step === 1 && (
        <Paper withBorder p="sm" data-testid="ex-step-source">
          <Stack gap="xs">
            <Text size="sm" data-testid="ex-file-chosen">
              <b>{fileLabel}</b>
              {fileBytes !== null ? ` · ${sizeText(fileBytes)}` : ''}
            </Text>
            {!suggested ? (
              <Group gap={4}>
                <Loader size="xs" />
                <Text size="xs">{t('exchange.checking')}</Text>
              </Group>
            ) : suggested.source ? (
              <Text size="xs" c="teal.8" data-testid="ex-suggested" data-source={suggested.source}>
                {t('exchange.suggested')}:{' '}
                {sourceName(
                  sources.find((s) => s.source === suggested.source) ?? ({ zh: suggested.source, en: suggested.source } as never),
                  i18n.language,
                )}
              </Text>
            ) : (
              <Text size="xs" c="orange.8" data-testid="ex-suggested" data-source="">
                {t('exchange.noSuggestion')}
              </Text>
            )}
            <Radio.Group value={source} onChange={setSource} label={t('exchange.source')} data-testid="ex-source">
              <SimpleGrid cols={3} spacing={4} verticalSpacing={4} mt={4}>
                {sources.map((s) => (
                  <Radio
                    key={s.source}
                    value={s.source}
                    data-testid={`ex-source-${s.source}`}
                    label={
                      <Text size="xs" span>
                        {sourceName(s, i18n.language)}{' '}
                        {suggested?.scores[s.source] !== undefined && suggested.scores[s.source] > 0 && suggested.source === s.source ? (
                          <Badge size="xs" color="teal">
                            {t('exchange.suggested')}
                          </Badge>
                        ) : null}
                      </Text>
                    }
                    description={
                      <Text size="xs" c="dimmed" span>
                        {s.needsAuthorisation ? t('exchange.needsAuth') : t('exchange.noAuth')}
                      </Text>
                    }
                  />
                ))}
              </SimpleGrid>
            </Radio.Group>
            <TextInput
              size="xs"
              w={200}
              label={t('exchange.fileDate')}
              description={t('exchange.fileDateHint')}
              placeholder="YYYY-MM-DD"
              maxLength={10}
              value={fileDate}
              onChange={(e) => setFileDate(e.currentTarget.value)}
              error={isIso(fileDate) ? undefined : t('errors.date')}
              data-testid="ex-file-date"
            />
            <Group justify="space-between">
              <Button size="xs" variant="default" onClick={reset} data-testid="ex-back">
                {t('exchange.back')}
              </Button>
              <Button
                size="xs"
                disabled={!source || !isIso(fileDate)}
                loading={busy}
                onClick={() => void toMapping()}
                data-testid="ex-next"
              >
                {t('exchange.next')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {step === 2 && preview && (
        <Paper withBorder p="sm" data-testid="ex-step-mapping">
          <Stack gap="xs">
            <Group gap="md" align="flex-end">
              <NumberInput
                size="xs"
                w={110}
                min={1}
                max={40}
                label={t('exchange.headerRow')}
                value={headerRow}
                data-testid="ex-header-row"
                onChange={(v) => {
                  const n = Number(v);
                  if (n >= 1) {
                    setHeaderRow(n);
                    void loadPreview({ keepMapping: false, headerRow: n });
                  }
                }}
              />
              <Text size="xs" c="dimmed">
                {t('exchange.encoding')}: <b data-testid="ex-encoding-m">{preview.encoding ?? preview.format.toUpperCase()}</b>
              </Text>
              {preview.savedMapping && (
                <Badge size="sm" variant="light" data-testid="ex-saved-mapping">
                  {t('exchange.savedMappingUsed')}
                </Badge>
              )}
              {busy && <Loader size="xs" />}
            </Group>
            <Table fz="xs" verticalSpacing={2} data-testid="ex-mapping-table" style={{ tableLayout: 'fixed' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={220}>{t('exchange.field')}</Table.Th>
                  <Table.Th>{t('exchange.column')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.fields.map((f) => (
                  <Table.Tr key={f.key} data-testid="ex-map-row" data-field={f.key}>
                    <Table.Td>
                      {fieldLabel(f)}{' '}
                      {f.required && (
                        <Badge size="xs" color="red" variant="light">
                          {t('exchange.required')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        size="xs"
                        w={320}
                        aria-label={fieldLabel(f)}
                        value={mapping[f.key] ?? ''}
                        data-testid={`ex-map-${f.key}`}
                        error={f.required && !mapping[f.key] ? true : undefined}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setMapping((m) => {
                            const n = { ...m };
                            if (v) n[f.key] = v;
                            else delete n[f.key];
                            return n;
                          });
                        }}
                        data={[
                          { value: '', label: t('exchange.notInFile') },
                          ...preview.header.filter((h) => h.trim() !== '').map((h) => ({ value: h, label: h })),
                        ]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {missing.length > 0 && (
              <Text size="xs" c="red.8" data-testid="ex-missing">
                {t('exchange.missing', { f: missing.map(fieldLabel).join(i18n.language === 'en' ? ', ' : '、') })}
              </Text>
            )}
            <Checkbox
              size="xs"
              checked={saveMap}
              onChange={(e) => setSaveMap(e.currentTarget.checked)}
              label={t('exchange.saveMapping')}
              data-testid="ex-save-mapping"
            />
            <Group justify="space-between">
              <Button size="xs" variant="default" onClick={() => setStep(1)}>
                {t('exchange.back')}
              </Button>
              <Button size="xs" disabled={missing.length > 0} loading={busy} onClick={() => void toPreview()} data-testid="ex-next">
                {t('exchange.next')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {step === 3 && preview && (
        <Paper withBorder p="sm" data-testid="ex-step-preview">
          <Stack gap="xs">
            <Group gap="lg">
              <Text size="xs">
                {t('exchange.file')}: <b>{preview.file}</b> · {sizeText(preview.bytes)}
              </Text>
              <Text size="xs">
                {t('exchange.format')}: <b>{preview.format.toUpperCase()}</b>
              </Text>
              <Text size="xs">
                {t('exchange.encoding')}: <b data-testid="ex-encoding">{preview.encoding ?? '—'}</b>
              </Text>
              <Text size="xs">
                {t('exchange.headerRow')}: <b data-testid="ex-header-row-shown">{preview.headerRow}</b>
              </Text>
            </Group>
            <Text size="xs" fw={600}>
              {t('exchange.firstRows')}
            </Text>
            <ScrollArea type="auto" offsetScrollbars>
              <Table fz="xs" verticalSpacing={2} striped withColumnBorders data-testid="ex-preview-table" style={{ whiteSpace: 'nowrap' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('exchange.row')}</Table.Th>
                    {preview.header.map((h, i) => {
                      const f = preview.fields.find((x) => mapping[x.key] === h);
                      return (
                        <Table.Th key={i} bg={f ? 'teal.0' : undefined}>
                          {h}
                          {f && (
                            <Text size="xs" c="teal.8" fw={400}>
                              → {fieldLabel(f)}
                            </Text>
                          )}
                        </Table.Th>
                      );
                    })}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((r) => (
                    <Table.Tr key={r.row} data-testid="ex-preview-row">
                      <Table.Td c="dimmed">{r.row}</Table.Td>
                      {preview.header.map((_, i) => (
                        <Table.Td key={i}>{r.cells[i] ?? ''}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            <Group justify="space-between">
              <Button size="xs" variant="default" onClick={() => setStep(2)}>
                {t('exchange.back')}
              </Button>
              <Button size="xs" loading={busy} onClick={() => void toReport()} data-testid="ex-next">
                {busy ? t('exchange.validating') : t('exchange.validate')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {step === 4 && validation && (
        <Paper withBorder p="sm" data-testid="ex-step-report">
          <Stack gap="xs">
            <Group gap="lg" data-testid="ex-report-counts">
              <Count label={t('exchange.rowsRead')} n={validation.rowsRead} testid="ex-r-read" />
              <Count label={t('exchange.valid')} n={validation.valid} testid="ex-r-valid" color="teal" />
              <Count
                label={t('exchange.invalid')}
                n={validation.invalid}
                testid="ex-r-invalid"
                color={validation.invalid ? 'red' : undefined}
              />
              <Count label={t('exchange.matchedRows')} n={validation.matchedRows} testid="ex-r-matched" />
              <Count label={t('exchange.unknownRows')} n={validation.unknownRows} testid="ex-r-unknown" />
            </Group>
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                {t('exchange.problems')}
              </Text>
              <Button
                size="compact-xs"
                variant="default"
                data-testid="ex-report-csv"
                onClick={() =>
                  downloadBase64(`${validation.file.replace(/\.[^.]+$/, '')}-validation.csv`, validation.reportCsvBase64, 'text/csv')
                }
              >
                {t('exchange.saveReport')}
              </Button>
            </Group>
            {validation.problems.length === 0 ? (
              <Text size="xs" c="teal.8">
                {t('exchange.noProblems')}
              </Text>
            ) : (
              <Table fz="xs" verticalSpacing={2} striped data-testid="ex-problems" style={{ tableLayout: 'fixed' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t('exchange.row')}</Table.Th>
                    <Table.Th w={160}>{t('exchange.column')}</Table.Th>
                    <Table.Th>{t('exchange.problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {validation.problems.slice((problemPage - 1) * PROBLEM_PAGE, problemPage * PROBLEM_PAGE).map((p, i) => (
                    <Table.Tr key={i} data-testid="ex-problem" data-row={p.row}>
                      <Table.Td>{p.row}</Table.Td>
                      <Table.Td>{p.column}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-word' }}>{p.problem}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {validation.problems.length > PROBLEM_PAGE && (
              <Group justify="center">
                <Pagination
                  size="xs"
                  total={Math.ceil(validation.problems.length / PROBLEM_PAGE)}
                  value={problemPage}
                  onChange={setProblemPage}
                />
              </Group>
            )}
            {validation.truncated && (
              <Text size="xs" c="dimmed">
                {t('exchange.truncated', { n: validation.problems.length })}
              </Text>
            )}
            {validation.invalid > 0 && (
              <Text size="xs" c="dimmed">
                {t('exchange.rejectedNote')}
              </Text>
            )}
            <Group justify="space-between">
              <Button size="xs" variant="default" onClick={() => setStep(3)}>
                {t('exchange.back')}
              </Button>
              <Button size="xs" loading={busy} disabled={validation.valid === 0} onClick={() => void runImport()} data-testid="ex-import">
                {validation.invalid > 0 ? t('exchange.importAnyway') : t('exchange.startImport')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {step === 5 && (
        <Paper withBorder p="sm" data-testid="ex-step-import" data-done={String(done)}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} data-testid="ex-phase">
                {done
                  ? t('exchange.summary')
                  : status?.status === 'cancelled'
                    ? t('exchange.cancelled')
                    : status?.error
                      ? t('exchange.failed', { e: status.error })
                      : status?.phase === 'applying'
                        ? t('exchange.applying')
                        : t('exchange.staging')}
              </Text>
              <Group gap="xs" wrap="nowrap">
                {status && (
                  <Text size="xs" className="sn-num" data-testid="ex-progress-text">
                    {running && status.total === 0
                      ? t('exchange.starting')
                      : t('exchange.progress', { done: status.done, total: Math.max(status.total, status.done) })}
                    {running && status.etaSeconds !== null ? ` · ${t('exchange.eta', { s: status.etaSeconds })}` : ''}
                    {status.rejected !== null && status.rejected > 0 ? ` · ${t('exchange.rejected')} ${status.rejected}` : ''}
                  </Text>
                )}
                {running && (
                  <Button size="compact-xs" color="red" variant="light" onClick={() => setConfirmCancel(true)} data-testid="ex-cancel">
                    {t('exchange.cancel')}
                  </Button>
                )}
              </Group>
            </Group>
            {!start?.duplicateFile && (
              <Progress
                value={pct}
                animated={running}
                color={done ? 'teal' : status?.status === 'cancelled' || status?.error ? 'gray' : 'blue'}
                data-testid="ex-progress"
                aria-label={status ? t('exchange.progress', { done: status.done, total: status.total }) : ''}
              />
            )}
            {start?.duplicateFile && (
              <Alert color="orange" data-testid="ex-duplicate">
                {t('exchange.duplicate')}
              </Alert>
            )}
            {start?.resumed && (
              <Alert color="blue" variant="light">
                {t('exchange.resumed')}
              </Alert>
            )}
            {reattached && (
              <Alert color="blue" variant="light" data-testid="ex-reattached">
                {t('exchange.reattached')}
              </Alert>
            )}
            {summary && importId !== null && <ImportSummary summary={summary} importId={importId} />}
            <Group justify="flex-end">
              {(done || status?.status === 'cancelled' || status?.error) && (
                <Button size="xs" variant="default" onClick={reset} data-testid="ex-another">
                  {t('exchange.another')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}

      <Modal opened={confirmCancel} onClose={() => setConfirmCancel(false)} title={t('exchange.cancel')}>
        <Stack>
          <Text data-testid="ex-cancel-text">{t('exchange.confirmCancel', { f: fileLabel })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCancel(false)} data-autofocus>
              {t('exchange.keepRunning')}
            </Button>
            <Button color="red" onClick={() => void cancel()} data-testid="ex-cancel-confirm">
              {t('exchange.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Count({ label, n, testid, color }: { label: string; n: number; testid: string; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} c={color ? `${color}.8` : undefined} className="sn-num" data-testid={testid}>
        {n}
      </Text>
    </div>
  );
}

function ImportSummary({ summary, importId }: { summary: Summary; importId: number }) {
  const { t } = useTranslation();
  const [unknown, setUnknown] = useState<{
    total: number;
    items: { idNumber: string; name: string | null; firstRow: number; rows: number }[];
  } | null>(null);
  const [uPage, setUPage] = useState(1);
  const [rPage, setRPage] = useState(1);
  useEffect(() => {
    if (summary.unknownPersons === 0) return;
    let live = true;
    call('exchange.unknownPersons', { importId, page: uPage, pageSize: 10 })
      .then((r) => {
        if (live) setUnknown(r as never);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [importId, uPage, summary.unknownPersons]);
  return (
    <Stack gap="xs" data-testid="ex-summary">
      <Text size="xs">
        {t('exchange.file')}: <b>{summary.file}</b> · {t('exchange.sha256')}:{' '}
        <span className="sn-mono" data-testid="ex-sha">
          {summary.sha256}
        </span>
      </Text>
      <Group gap="lg">
        <Count label={t('exchange.rowsRead')} n={summary.rowsRead} testid="ex-s-read" />
        <Count label={t('exchange.accepted')} n={summary.accepted} testid="ex-s-accepted" color="teal" />
        <Count
          label={t('exchange.rejected')}
          n={summary.rejected.length}
          testid="ex-s-rejected"
          color={summary.rejected.length ? 'red' : undefined}
        />
        <Count label={t('exchange.matchedPersons')} n={summary.matchedPersons} testid="ex-s-matched" />
        <Count label={t('exchange.unknownPersons')} n={summary.unknownPersons} testid="ex-s-unknown" />
        <Count
          label={t('exchange.warningsRaised')}
          n={summary.warningsRaised}
          testid="ex-s-warnings"
          color={summary.warningsRaised ? 'orange' : undefined}
        />
        {summary.warningsRaised > 0 && (
          <Button size="compact-xs" variant="light" onClick={() => navigate('/monitoring')} data-testid="ex-open-monitoring">
            {t('exchange.openMonitoring')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={2} spacing="xs">
        <div>
          {summary.rejected.length > 0 && (
            <>
              <Text size="xs" fw={600}>
                {t('exchange.rejectedList')}
              </Text>
              <Table fz="xs" verticalSpacing={1} data-testid="ex-rejected" style={{ tableLayout: 'fixed' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={50}>{t('exchange.row')}</Table.Th>
                    <Table.Th w={110}>{t('exchange.column')}</Table.Th>
                    <Table.Th>{t('exchange.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary.rejected.slice((rPage - 1) * 8, rPage * 8).map((r, i) => (
                    <Table.Tr key={i} data-testid="ex-rejected-row" data-row={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>{r.column}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-word' }}>{r.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {summary.rejected.length > 8 && (
                <Pagination size="xs" mt={4} total={Math.ceil(summary.rejected.length / 8)} value={rPage} onChange={setRPage} />
              )}
            </>
          )}
        </div>
        <div>
          {summary.unknownPersons > 0 && unknown && (
            <>
              <Text size="xs" fw={600}>
                {t('exchange.unknownList')}
              </Text>
              <Table fz="xs" verticalSpacing={1} data-testid="ex-unknown">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('exchange.idNumber')}</Table.Th>
                    <Table.Th>{t('exchange.name')}</Table.Th>
                    <Table.Th>{t('exchange.firstRow')}</Table.Th>
                    <Table.Th>{t('exchange.rows')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {unknown.items.map((u) => (
                    <Table.Tr key={u.idNumber} data-testid="ex-unknown-row">
                      <Table.Td className="sn-mono">{u.idNumber}</Table.Td>
                      <Table.Td>{u.name ?? '—'}</Table.Td>
                      <Table.Td>{u.firstRow}</Table.Td>
                      <Table.Td>{u.rows}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {unknown.total > 10 && (
                <Pagination size="xs" mt={4} total={Math.ceil(unknown.total / 10)} value={uPage} onChange={setUPage} />
              )}
            </>
          )}
        </div>
      </SimpleGrid>
    </Stack>
  );
}
