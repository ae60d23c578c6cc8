/**
 * The import wizard: file → source (suggested from the file) → column mapping (automatic,
 * adjustable, remembered per source) → preview (encoding and header row shown) → validation
 * report (row, column, problem; saved as CSV) → import with a progress bar, counts, ETA and a
 * confirmed cancel → summary (read, accepted, rejected, matched, unknown persons, warnings,
 * duplicate file notice). This holds the wizard's state and actions; each step renders a part.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Group, Modal, Stack, Stepper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { todayLocal } from '../components/files';
import { asSource, sourceFromName, sourceName, useSources } from './sources';
import { ImportStep } from './ImportProgress';
import { FileStep, SourceStep } from './WizardFile';
import { MappingStep, PreviewStep } from './WizardMapping';
import { ReportStep } from './WizardReport';
import type { Field, FileIn, Preview, Started, Status, Summary, Validation, WizardModel } from './wizard-model';

export function ImportWizard() {
  const { t, i18n } = useTranslation();
  const sources = useSources();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<FileIn | null>(null);
  const [fileLabel, setFileLabel] = useState('');
  const [fileBytes, setFileBytes] = useState<number | null>(null);
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
  const [start, setStart] = useState<Started | null>(null);
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
    // An upload not imported is removed now rather than when it expires (docs/security.md "Inputs").
    if (file && 'upload' in file && importId === null) void call('files.release', { upload: file.upload }).catch(() => {});
    setStep(0);
    setFile(null);
    setFileLabel('');
    setFileBytes(null);
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
  async function fileChosen(fi: FileIn, label: string, bytes: number | null) {
    setFile(fi);
    setFileLabel(label);
    setFileBytes(bytes);
    setPreview(null);
    setValidation(null);
    setMapping({});
    setHeaderRow(undefined);
    setStep(1);
    await suggest(fi, label);
  }
  /** Tries every source on the first rows (the service reads the file where it is: nothing is sent again) and on the file name. */
  async function suggest(fi: FileIn, name: string) {
    setSuggested(null);
    const byName = sourceFromName(name);
    const scores: Record<string, number> = {};
    const list = sources.length ? sources : await call('exchange.sources', {});
    {
      await Promise.all(
        list.map(async (s) => {
          try {
            const code = asSource(s.source);
            if (!code) return;
            const p = await call('exchange.preview', { file: fi, source: code, rows: 1 });
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
    const code = asSource(source);
    if (!file || !code) return null;
    const p = await run(() =>
      call('exchange.preview', {
        file,
        source: code,
        rows: 12,
        ...(opts.keepMapping ? { mapping } : {}),
        ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
      }),
    );
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
    const code = asSource(source);
    if (missing.length || !code) return;
    if (saveMap) {
      try {
        await call('exchange.saveMapping', { source: code, mapping });
      } catch (e) {
        setError(e);
        return;
      }
    }
    if (await loadPreview({ keepMapping: true, headerRow })) setStep(3);
  }
  async function toReport() {
    const code = asSource(source);
    if (!file || !code) return;
    setProblemPage(1);
    const v = await run(() => call('exchange.validate', { file, source: code, mapping, headerRow, fileDate }));
    if (!v) return;
    setValidation(v);
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
    const code = asSource(source);
    if (!file || !code) return;
    setStatus(null);
    setStart(null);
    // Busy until the first progress is in.
    await run(async () => {
      const r = await call('exchange.start', { file, source: code, mapping, headerRow, fileDate, saveMapping: saveMap });
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

  const w: WizardModel = {
    step,
    setStep,
    busy,
    reset,
    fileChosen,
    setError,
    fileLabel,
    fileBytes,
    fileDate,
    setFileDate,
    sources,
    source,
    setSource,
    suggested,
    toMapping,
    preview,
    loadPreview,
    mapping,
    setMapping,
    headerRow,
    setHeaderRow,
    missing,
    fieldLabel,
    saveMap,
    setSaveMap,
    toPreview,
    toReport,
    validation,
    problemPage,
    setProblemPage,
    runImport,
    importId,
    status,
    start,
    summary,
    running,
    done,
    pct,
    reattached,
    askCancel: () => setConfirmCancel(true),
  };

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
      {step === 0 && <FileStep w={w} />}
      {step === 1 && <SourceStep w={w} />}
      {step === 2 && preview && <MappingStep w={w} preview={preview} />}
      {step === 3 && preview && <PreviewStep w={w} preview={preview} />}
      {step === 4 && validation && <ReportStep w={w} validation={validation} />}
      {step === 5 && <ImportStep w={w} />}

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
