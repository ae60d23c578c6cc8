/** The wizard's validation report: counts, and every row problem (row, column, problem), saved as CSV. */
import { Button, Group, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { downloadBase64 } from '../lib/policy';
import { PROBLEM_PAGE, type Validation, type WizardModel } from './wizard-model';

/** Step 5: what reading the whole file found, before anything is written. */
export function ReportStep({ w, validation }: { w: WizardModel; validation: Validation }) {
  const { t } = useTranslation();
  return (
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
              {validation.problems.slice((w.problemPage - 1) * PROBLEM_PAGE, w.problemPage * PROBLEM_PAGE).map((p, i) => (
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
              value={w.problemPage}
              onChange={w.setProblemPage}
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
          <Button size="xs" variant="default" onClick={() => w.setStep(3)}>
            {t('exchange.back')}
          </Button>
          <Button size="xs" loading={w.busy} disabled={validation.valid === 0} onClick={() => void w.runImport()} data-testid="ex-import">
            {validation.invalid > 0 ? t('exchange.importAnyway') : t('exchange.startImport')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** A count with its label. */
export function Count({ label, n, testid, color }: { label: string; n: number; testid: string; color?: string }) {
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
