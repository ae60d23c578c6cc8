/** The wizard's middle steps: the column mapping (automatic, adjustable, remembered) and the preview of the first rows. */
import { Badge, Button, Checkbox, Group, Loader, NativeSelect, NumberInput, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { sizeText } from '../components/files';
import type { Preview, WizardModel } from './wizard-model';

/** Step 3: each field of the source matched to a column of the file, the header row adjustable. */
export function MappingStep({ w, preview }: { w: WizardModel; preview: Preview }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="ex-step-mapping">
      <Stack gap="xs">
        <Group gap="md" align="flex-end">
          <NumberInput
            size="xs"
            w={110}
            min={1}
            max={40}
            label={t('exchange.headerRow')}
            value={w.headerRow}
            data-testid="ex-header-row"
            onChange={(v) => {
              const n = Number(v);
              if (n >= 1) {
                w.setHeaderRow(n);
                void w.loadPreview({ keepMapping: false, headerRow: n });
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
          {w.busy && <Loader size="xs" />}
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
                  {w.fieldLabel(f)}{' '}
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
                    aria-label={w.fieldLabel(f)}
                    value={w.mapping[f.key] ?? ''}
                    data-testid={`ex-map-${f.key}`}
                    error={f.required && !w.mapping[f.key] ? true : undefined}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      w.setMapping((m) => {
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
        {w.missing.length > 0 && (
          <Text size="xs" c="red.8" data-testid="ex-missing">
            {t('exchange.missing', { f: w.missing.map(w.fieldLabel).join(i18n.language === 'en' ? ', ' : '、') })}
          </Text>
        )}
        <Checkbox
          size="xs"
          checked={w.saveMap}
          onChange={(e) => w.setSaveMap(e.currentTarget.checked)}
          label={t('exchange.saveMapping')}
          data-testid="ex-save-mapping"
        />
        <Group justify="space-between">
          <Button size="xs" variant="default" onClick={() => w.setStep(1)}>
            {t('exchange.back')}
          </Button>
          <Button size="xs" disabled={w.missing.length > 0} loading={w.busy} onClick={() => void w.toPreview()} data-testid="ex-next">
            {t('exchange.next')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Step 4: the first rows as read, with the columns the fields map to. */
export function PreviewStep({ w, preview }: { w: WizardModel; preview: Preview }) {
  const { t } = useTranslation();
  return (
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
                  const f = preview.fields.find((x) => w.mapping[x.key] === h);
                  return (
                    <Table.Th key={i} bg={f ? 'teal.0' : undefined}>
                      {h}
                      {f && (
                        <Text size="xs" c="teal.8" fw={400}>
                          → {w.fieldLabel(f)}
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
          <Button size="xs" variant="default" onClick={() => w.setStep(2)}>
            {t('exchange.back')}
          </Button>
          <Button size="xs" loading={w.busy} onClick={() => void w.toReport()} data-testid="ex-next">
            {w.busy ? t('exchange.validating') : t('exchange.validate')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
