/**
 * The closed loop's dialogs: a new referral (manual, charity with its programme, or every
 * entitlement of a household at once) and the push list's export (XLSX and its manifest).
 */
import { useEffect, useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ASSISTANCES, DEPARTMENT_OF, DEPARTMENTS, isCode, type AssistanceCode, type DepartmentCode } from '../../../src-main/common/codes';
import type { HouseholdData } from '../../../src-main/common/household-file';
import { ErrorAlert } from '../lib/errors';
import { downloadBase64 } from '../lib/policy';
import { HouseholdPicker, downloadText, word } from './common';

type Charity = Output<'charity.list'>;

/** Drafts every entitlement's referral for a household; reports how many. */
export async function pushNeeds(householdId: number, t: TFunction): Promise<number> {
  const r = await call('referrals.fromEntitlements', { householdId });
  notifications.show({
    color: r.ids.length ? 'teal' : 'gray',
    message: r.ids.length ? t('referrals.fromEntitlementsDone', { n: r.ids.length }) : t('referrals.fromEntitlementsNone'),
  });
  return r.ids.length;
}

export function useCharity(): [Charity | null, () => void] {
  const [c, setC] = useState<Charity | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    call('charity.list', {})
      .then(setC)
      .catch(() => setC([]));
  }, [n]);
  return [c, () => setN((x) => x + 1)];
}

export function CreateReferralModal({ householdId, onClose, onDone }: { householdId?: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [hh, setHh] = useState<{ id: number; label: string } | null>(householdId ? { id: householdId, label: `#${householdId}` } : null);
  const [members, setMembers] = useState<Pick<HouseholdData['members'][number], 'idNumber' | 'name'>[]>([]);
  const [person, setPerson] = useState('');
  const [assistance, setAssistance] = useState<AssistanceCode>('medical');
  const [programmeId, setProgrammeId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [charity] = useCharity();
  const hhId = hh?.id;
  useEffect(() => {
    if (hhId === undefined) {
      setMembers([]);
      return;
    }
    call('households.get', { id: hhId })
      .then((h) => {
        // households.get's household is the registry's HouseholdData.
        const data: HouseholdData | undefined = h.household;
        const ms = data?.members ?? [];
        setMembers(ms);
        const head = ms.find((m) => m.relation === 'head');
        if (head)
          setHh((x) =>
            x && x.label === `#${x.id}`
              ? { ...x, label: `#${x.id} ${head.name} · ${data?.area.township ?? ''} ${data?.area.village ?? ''}` }
              : x,
          );
      })
      .catch(setError);
  }, [hhId]);
  const programmes = (charity ?? [])
    .filter((o) => o.active)
    .flatMap((o) => o.programmes.filter((p) => p.active).map((p) => ({ value: String(p.id), label: `${o.name} · ${p.name}` })));
  async function save() {
    if (!hh) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('referrals.create', {
        householdId: hh.id,
        idNumber: person || null,
        assistance,
        department: DEPARTMENT_OF[assistance],
        reason,
        ...(assistance === 'charity' && programmeId ? { programmeId: Number(programmeId) } : {}),
      });
      notifications.show({ color: 'teal', message: t('referrals.created', { n: r.number }) });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  async function fromEntitlements() {
    if (!hh) return;
    setBusy(true);
    setError(null);
    try {
      await pushNeeds(hh.id, t);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={t('referrals.createTitle')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        data-testid="create-referral"
      >
        <Stack gap="xs">
          {hh ? (
            <Group justify="space-between">
              <Text size="sm" fw={600} data-testid="create-household">
                {hh.label}
              </Text>
              {!householdId && (
                <Button size="compact-xs" variant="subtle" onClick={() => setHh(null)}>
                  {t('common.edit')}
                </Button>
              )}
            </Group>
          ) : (
            <HouseholdPicker onPick={setHh} autoFocus />
          )}
          {hh && (
            <>
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => void fromEntitlements()}
                  loading={busy}
                  data-testid="create-from-entitlements"
                >
                  {t('referrals.fromEntitlements')}
                </Button>
              </Group>
              <Group grow>
                <NativeSelect
                  size="xs"
                  label={t('referrals.assistance')}
                  value={assistance}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (isCode(ASSISTANCES, v)) setAssistance(v);
                  }}
                  data-testid="create-assistance"
                  data={ASSISTANCES.map((a) => ({ value: a, label: `${word('assistance', a)} → ${word('department', DEPARTMENT_OF[a])}` }))}
                />
                <NativeSelect
                  size="xs"
                  label={t('referrals.person')}
                  value={person}
                  onChange={(e) => setPerson(e.currentTarget.value)}
                  data-testid="create-person"
                  data={[
                    { value: '', label: t('loop.wholeHousehold') },
                    ...members.map((m) => ({ value: m.idNumber, label: `${m.name} ${m.idNumber.slice(0, 6)}…${m.idNumber.slice(-4)}` })),
                  ]}
                />
              </Group>
              {assistance === 'charity' && (
                <NativeSelect
                  size="xs"
                  label={t('referrals.programme')}
                  value={programmeId}
                  onChange={(e) => setProgrammeId(e.currentTarget.value)}
                  data-testid="create-programme"
                  data={[{ value: '', label: '—' }, ...programmes]}
                />
              )}
              <Textarea
                size="xs"
                label={t('referrals.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
                data-testid="create-reason"
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.ctrlKey) {
                    e.preventDefault();
                    void save();
                  }
                }}
              />
            </>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" type="submit" disabled={!hh} loading={busy} data-testid="create-save">
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ExportModal({ onClose, onDone, initial }: { onClose: () => void; onDone: () => void; initial?: DepartmentCode }) {
  const { t } = useTranslation();
  const [department, setDepartment] = useState<DepartmentCode>(initial ?? 'medical_insurance');
  const [orgId, setOrgId] = useState('');
  const [charity] = useCharity();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function go() {
    setBusy(true);
    setError(null);
    try {
      const f = await call('referrals.exportPushList', {
        department,
        ...(department === 'charity' && orgId ? { organisationId: Number(orgId) } : {}),
      });
      downloadBase64(f.fileName, f.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      downloadText(f.manifestFileName, f.manifest, 'application/json');
      notifications.show({ color: 'teal', message: t('referrals.exported', { f: f.fileName, n: f.rows }) });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={t('referrals.exportTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void go();
        }}
      >
        <Stack gap="xs">
          <NativeSelect
            size="xs"
            label={t('referrals.department')}
            value={department}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isCode(DEPARTMENTS, v)) setDepartment(v);
            }}
            data-autofocus
            data-testid="export-department"
            data={DEPARTMENTS.map((d) => ({ value: d, label: word('department', d) }))}
          />
          {department === 'charity' && (
            <NativeSelect
              size="xs"
              label={t('referrals.organisation')}
              value={orgId}
              onChange={(e) => setOrgId(e.currentTarget.value)}
              data-testid="export-organisation"
              data={[{ value: '', label: '—' }, ...(charity ?? []).map((o) => ({ value: String(o.id), label: o.name }))]}
            />
          )}
          <Text size="xs">{t('referrals.exportHint')}</Text>
          <Text size="xs" c="dimmed">
            {t('referrals.masking')}: {department === 'charity' ? t('referrals.maskCharity') : t('referrals.maskFull')}
          </Text>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" type="submit" loading={busy} data-testid="export-go">
              {t('referrals.exportDo')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
