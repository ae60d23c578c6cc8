/**
 * Requests under the two-person rule (docs/security.md "Roles and the two-person rule"): what is
 * waiting, who asked, what will happen; confirm (asked once, with the passphrase for a restore)
 * or refuse with a reason — disabled, with the reason shown, for the asker and the wrong role.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, PasswordInput, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { ErrorAlert, errorText } from '../lib/errors';
import { dateTime } from '../lib/format';
import { SortTh, sortRows, type Sort } from '../components/SortTh';
import { useSession } from '../session';

type Req = Output<'requests.list'>[number];
type Acting = { req: Req; what: 'confirm' | 'refuse' } | null;

/** `focus`: a request to show marked and scrolled into view (a link from the page that asked for it). */
export function RequestsTab({ onChanged, focus = null }: { onChanged?: () => void; focus?: number | null }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [rows, setRows] = useState<Req[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [acting, setActing] = useState<Acting>(null);
  const [sort, setSort] = useState<Sort>(null);
  const load = useCallback(() => {
    call('requests.list', {})
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    if (focus !== null && rows) document.querySelector(`[data-testid="request-row-${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, rows]);

  async function withdraw(r: Req) {
    try {
      await call('requests.withdraw', { id: r.id });
      load();
    } catch (e) {
      setError(e);
    }
  }

  const pending = rows?.filter((r) => r.status === 'pending').length ?? 0;
  return (
    <Stack gap="sm" data-testid="settings-requests">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('requests.hint')}
        </Text>
        <Button size="xs" variant="default" onClick={load} data-testid="requests-refresh">
          {t('requests.refresh')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {rows && rows.length === 0 && <Text data-testid="requests-none">{t('requests.none')}</Text>}
      {rows && rows.length > 0 && (
        <Table striped data-testid="requests-table" verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <SortTh label="#" k="id" sort={sort} onSort={setSort} num />
              <Table.Th>{t('requests.what')}</Table.Th>
              <SortTh label={t('requests.askedBy')} k="askedBy" sort={sort} onSort={setSort} />
              <SortTh label={t('requests.askedAt')} k="askedAt" sort={sort} onSort={setSort} />
              <SortTh label={t('requests.status')} k="status" sort={sort} onSort={setSort} />
              <Table.Th w={260} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sortRows(rows, sort).map((r) => (
              <Table.Tr
                key={r.id}
                data-testid={`request-row-${r.id}`}
                data-kind={r.kind}
                data-status={r.status}
                data-focus={r.id === focus || undefined}
                bg={r.id === focus ? 'var(--mantine-color-yellow-light)' : undefined}
              >
                <Table.Td className="sn-num">{r.id}</Table.Td>
                <Table.Td>
                  {r.description[lang]}
                  {r.reason && (
                    <Text size="xs" c="dimmed">
                      {t('requests.reason')}：{r.reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.askedBy}</Table.Td>
                <Table.Td>{dateTime(r.askedAt)}</Table.Td>
                <Table.Td>
                  <Badge color={r.status === 'pending' ? 'orange' : r.status === 'confirmed' ? 'teal' : 'gray'} variant="light">
                    {t(`requests.statuses.${r.status}`)}
                  </Badge>
                  {r.decidedBy && (
                    <Text size="xs" c="dimmed">
                      {r.decidedBy} · {dateTime(r.decidedAt)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.status === 'pending' && (
                    <Stack gap={2}>
                      <Group gap={4}>
                        <Button
                          size="compact-xs"
                          disabled={!r.canDecide}
                          onClick={() => setActing({ req: r, what: 'confirm' })}
                          data-testid={`request-confirm-${r.id}`}
                        >
                          {t('requests.confirm')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="default"
                          disabled={!r.canDecide}
                          onClick={() => setActing({ req: r, what: 'refuse' })}
                          data-testid={`request-refuse-${r.id}`}
                        >
                          {t('requests.refuse')}
                        </Button>
                        {r.askedBy === user.username && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => void withdraw(r)}
                            data-testid={`request-withdraw-${r.id}`}
                          >
                            {t('requests.withdraw')}
                          </Button>
                        )}
                      </Group>
                      {r.cannotDecide && (
                        <Text size="xs" c="dimmed" data-testid={`request-why-${r.id}`}>
                          {r.cannotDecide[lang]}
                        </Text>
                      )}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pending > 0 && (
        <Text size="xs" c="dimmed">
          {t('requests.waiting', { n: pending })}
        </Text>
      )}
      <Decide
        acting={acting}
        lang={lang}
        onClose={() => setActing(null)}
        onDone={() => {
          setActing(null);
          load();
          onChanged?.();
        }}
      />
    </Stack>
  );
}

/** Asks once, saying what will happen; a restore also needs the backup's passphrase, a refusal a reason. */
function Decide({ acting, lang, onClose, onDone }: { acting: Acting; lang: 'zh' | 'en'; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const r = acting?.req;
  async function go() {
    if (!acting || !r) return;
    setBusy(true);
    setError(null);
    try {
      const done =
        acting.what === 'confirm'
          ? await call('requests.confirm', { id: r.id, ...(r.secret ? { secret } : {}) })
          : await call('requests.refuse', { id: r.id, reason });
      notifications.show({ color: 'teal', message: t(`requests.done.${done.status}`, { id: done.id }) });
      setSecret('');
      setReason('');
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const blocked = acting?.what === 'refuse' ? reason.trim().length < 2 : !!r?.secret && !secret;
  return (
    <Modal opened={!!acting} onClose={onClose} title={acting ? t(`requests.${acting.what}Title`, { id: r?.id }) : ''}>
      <Stack>
        <Text data-testid="rq-what">{r?.description[lang]}</Text>
        <Text size="sm" c="dimmed">
          {t('requests.askedLine', { who: r?.askedBy ?? '', at: dateTime(r?.askedAt) })}
        </Text>
        {acting?.what === 'confirm' && r?.secret === 'passphrase' && (
          <PasswordInput
            label={t('requests.passphrase')}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            data-autofocus
            data-testid="rq-secret"
          />
        )}
        {acting?.what === 'refuse' && (
          <Textarea
            label={t('requests.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
            data-testid="rq-reason"
          />
        )}
        {error && (
          <Alert color="red" data-testid="rq-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={acting?.what === 'confirm' ? 'teal' : 'red'}
            loading={busy}
            disabled={blocked}
            onClick={() => void go()}
            data-testid="rq-go"
          >
            {acting?.what === 'confirm' ? t('requests.confirmNow') : t('requests.refuseNow')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
