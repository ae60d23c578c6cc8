/** Small helpers shared by the exchange, monitoring, backup and calendar screens. */
import { useRef } from 'react';
import dayjs from 'dayjs';
import { Button, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAreas, villageOptions } from '../lib/areas';

export { fileToBase64 } from '../lib/files';

export function sizeText(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** A button that opens the file chooser; the hidden input carries the test id. */
export function FileButton({
  label,
  accept,
  onFile,
  testid,
  disabled,
}: {
  label: string;
  accept?: string;
  onFile: (f: File) => void;
  testid: string;
  disabled?: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={ref}
        type="file"
        accept={accept}
        hidden
        data-testid={testid}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) onFile(f);
          e.currentTarget.value = '';
        }}
      />
      <Button size="xs" variant="default" disabled={disabled} onClick={() => ref.current?.click()} data-testid={`${testid}-button`}>
        {label}
      </Button>
    </>
  );
}

/** Township and village selects (village narrowed to the township); returns the chosen area id through onChange. */
export function AreaFilter({
  township,
  village,
  onChange,
  prefix,
}: {
  township: string;
  village: string;
  onChange: (township: string, village: string) => void;
  prefix: string;
}) {
  const { t } = useTranslation();
  const areas = useAreas();
  const townships = areas.filter((a) => a.level === 'township');
  const villages = villageOptions(areas, township);
  return (
    <>
      <NativeSelect
        size="xs"
        w={150}
        label={t('monitoring.township')}
        value={township}
        data-testid={`${prefix}-township`}
        onChange={(e) => onChange(e.currentTarget.value, '')}
        data={[{ value: '', label: t('monitoring.anyTownship') }, ...townships.map((a) => ({ value: String(a.id), label: a.name }))]}
      />
      <NativeSelect
        size="xs"
        w={200}
        label={t('monitoring.village')}
        value={village}
        data-testid={`${prefix}-village`}
        onChange={(e) => onChange(township, e.currentTarget.value)}
        data={[{ value: '', label: t('monitoring.anyVillage') }, ...villages]}
      />
    </>
  );
}

export const areaIdOf = (township: string, village: string) => (village ? Number(village) : township ? Number(township) : undefined);

/** Today as YYYY-MM-DD in local time. */
export const todayLocal = (): string => dayjs().format('YYYY-MM-DD');
export const isIso = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Translates a rule id of the monitoring rules (falls back to the service's Chinese text). */
export function useRuleText() {
  const { t } = useTranslation();
  return (rule: string, fallback?: string) => t(`monitoring.rules.${rule}`, { defaultValue: fallback ?? rule });
}
