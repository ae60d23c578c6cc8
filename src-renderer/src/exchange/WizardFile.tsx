/** The wizard's first steps: the file (chosen, or named by its path) and its source (suggested) and date. */
import { Badge, Button, Group, Loader, Paper, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FileButton, isIso, sizeText } from '../components/files';
import { sourceName } from './sources';
import type { WizardModel } from './wizard-model';

/** Step 1: a file from this computer, or a path the host can read. */
export function FileStep({ w }: { w: WizardModel }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="ex-step-file">
      <Stack gap="xs">
        <Group gap="xs">
          <FileButton
            label={t('exchange.chooseFile')}
            accept=".csv,.txt,.xlsx"
            onFile={(f) => void w.chooseFile(f)}
            testid="ex-file"
            disabled={w.reading}
          />
          {w.reading && (
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
            value={w.pathText}
            data-testid="ex-path"
            onChange={(e) => w.setPathText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && w.pathText.trim())
                void w.fileChosen({ path: w.pathText.trim() }, w.pathText.trim().split(/[\\/]/).pop() ?? w.pathText, null);
            }}
          />
          <Button
            size="xs"
            variant="default"
            disabled={!w.pathText.trim()}
            data-testid="ex-path-use"
            onClick={() => void w.fileChosen({ path: w.pathText.trim() }, w.pathText.trim().split(/[\\/]/).pop() ?? w.pathText, null)}
          >
            {t('exchange.usePath')}
          </Button>
        </Group>
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
