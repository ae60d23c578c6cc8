/** The household page's 需求推送 tab: its referrals, "push needs" from its entitlements, a manual referral. */
import { useCallback, useEffect, useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { ReferralTable } from './ReferralTable';
import { CreateReferralModal, pushNeeds } from './referral-dialogs';

export function HouseholdReferrals({ householdId }: { householdId: number }) {
  const { t, i18n } = useTranslation();
  const [res, setRes] = useState<Output<'referrals.list'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);
  const refresh = useCallback(() => setTick((x) => x + 1), []);
  useEffect(() => {
    let live = true;
    call('referrals.list', { householdId, page: 1, pageSize: 200 })
      .then((r) => {
        if (live) {
          setRes(r);
          setError(null);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [householdId, tick, i18n.language]);
  async function push() {
    setBusy(true);
    setError(null);
    try {
      await pushNeeds(householdId, t);
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap="xs" data-testid="household-referrals">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600}>
          {t('referrals.householdTitle')}{' '}
          {res ? (
            <Text span size="sm" c="dimmed" fw={400}>
              · {t('common.total', { n: res.total })}
            </Text>
          ) : null}
        </Text>
        <Group gap="xs">
          <Button size="xs" onClick={() => void push()} loading={busy} data-testid="hh-push-needs">
            {t('referrals.pushNeeds')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setCreating(true)} data-testid="hh-new-referral">
            {t('referrals.create')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {res && <ReferralTable rows={res.rows} onChanged={refresh} showHousehold={false} />}
      {creating && (
        <CreateReferralModal
          householdId={householdId}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            refresh();
          }}
        />
      )}
    </Stack>
  );
}
