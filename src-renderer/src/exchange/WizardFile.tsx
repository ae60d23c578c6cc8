/** The wizard's first steps: the file (chosen or uploaded) and its source (suggested) and date. */
import { Badge, Button, Group, Loader, Paper, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { ChooseFile } from '../components/file-choosers';
import { useTranslation } from 'react-i18next';
import { isIso, sizeText } from '../components/files';
import { sourceName } from './sources';
import type { WizardModel } from './wizard-model';

/** Step 1: a file — chosen in the shell's dialog, or uploaded from a browser (never a path typed into the page). */
export function FileStep({ w }: { w: WizardModel }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="ex-step-file">
      <Stack gap="xs">
        <ChooseFile
          label={t('exchange.chooseFile')}
          accept={['csv', 'txt', 'xlsx']}
          testid="ex-file"
          onChosen={(fi, name, bytes) => w.fileChosen(fi, name, bytes)}
          onError={w.setError}
        />
        <Text size="xs" c="dimmed">
          {t('exchange.fileHint')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Step 2: the department the file comes from (suggested from its rows and name) and the file's date. */
export function SourceStep({ w }: { w: WizardModel }) {
  const { t, i18n } = useTranslation();
  const suggestedSource = w.suggested?.source ?? '';
  return (
    <Paper withBorder p="sm" data-testid="ex-step-source">
      <Stack gap="xs">
        <Text size="sm" data-testid="ex-file-chosen">
          <b>{w.fileLabel}</b>
          {w.fileBytes !== null ? ` · ${sizeText(w.fileBytes)}` : ''}
        </Text>
        {!w.suggested ? (
          <Group gap={4}>
            <Loader size="xs" />
            <Text size="xs">{t('exchange.checking')}</Text>
          </Group>
        ) : w.suggested.source ? (
          <Text size="xs" c="teal.8" data-testid="ex-suggested" data-source={w.suggested.source}>
            {t('exchange.suggested')}:{' '}
            {sourceName(w.sources.find((s) => s.source === suggestedSource) ?? { zh: suggestedSource, en: suggestedSource }, i18n.language)}
          </Text>
        ) : (
          <Text size="xs" c="orange.8" data-testid="ex-suggested" data-source="">
            {t('exchange.noSuggestion')}
          </Text>
        )}
        <Radio.Group value={w.source} onChange={w.setSource} label={t('exchange.source')} data-testid="ex-source">
          <SimpleGrid cols={3} spacing={4} verticalSpacing={4} mt={4}>
            {w.sources.map((s) => (
              <Radio
                key={s.source}
                value={s.source}
                data-testid={`ex-source-${s.source}`}
                label={
                  <Text size="xs" span>
                    {sourceName(s, i18n.language)}{' '}
                    {w.suggested?.scores[s.source] !== undefined && w.suggested.scores[s.source] > 0 && w.suggested.source === s.source ? (
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
          value={w.fileDate}
          onChange={(e) => w.setFileDate(e.currentTarget.value)}
          error={isIso(w.fileDate) ? undefined : t('errors.date')}
          data-testid="ex-file-date"
        />
        <Group justify="space-between">
          <Button size="xs" variant="default" onClick={w.reset} data-testid="ex-back">
            {t('exchange.back')}
          </Button>
          <Button
            size="xs"
            disabled={!w.source || !isIso(w.fileDate)}
            loading={w.busy}
            onClick={() => void w.toMapping()}
            data-testid="ex-next"
          >
            {t('exchange.next')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
