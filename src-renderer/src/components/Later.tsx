import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A screen or tab that a later stage fills: says so plainly, shows no invented data. */
export function Later({ title, textKey }: { title?: string; textKey: string }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="later-placeholder">
      {title && <Title order={2}>{title}</Title>}
      <Alert color="gray" title={t('later.title')}>{t(textKey)}</Alert>
    </Stack>
  );
}
