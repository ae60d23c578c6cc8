/**
 * Providers and their yearly contracts (§12.4): who serves which townships, with which budget and
 * services. The county's: a manager adds and changes them; clerks read.
 */
import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { PROVIDER_KINDS, isCode, type ProviderKind } from '../../../src-main/common/codes';
import { useAreas } from '../lib/areas';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { useSession } from '../session';
import { fenOf, fieldError, KeyForm, useLoad } from './kit';

type Provider = Output<'services.providers'>[number];

export function ProvidersTab() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager';
  const providers = useLoad(() => call('services.providers', {}), []);
  const list = useLoad(() => call('services.catalogue', {}), []);
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [contractFor, setContractFor] = useState<Provider | null>(null);
  const name = (code: string) => {
    const e = list.value?.history.find((x) => x.code === code);
    return e ? (i18n.language === 'en' ? e.nameEn : e.nameZh) : code;
  };
  return (
    <Stack gap="sm" data-testid="sv-providers">
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {manager ? t('services.providersHint') : t('services.managersOnly')}
        </Text>
        <Button size="xs" disabled={!manager} onClick={() => setEditing('new')} data-testid="sv-provider-new">
          {t('services.newProvider')}
        </Button>
      </Group>
      <ErrorAlert error={providers.error} />
      <SimpleGrid cols={2}>
        {(providers.value ?? []).map((p) => (
          <Paper key={p.id} withBorder p="xs" data-testid="sv-provider" data-code={p.code}>
            <Group justify="space-between" mb={4}>
              <Title order={5}>
                {p.name}{' '}
                <Badge size="xs" variant="light">
                  {t(`services.kind.${p.kind}`)}
                </Badge>{' '}
                {!p.active && (
                  <Badge size="xs" color="gray">
                    {t('services.inactive')}
                  </Badge>
                )}
              </Title>
              <Group gap={4}>
                <Button size="compact-xs" variant="default" disabled={!manager} onClick={() => setEditing(p)}>
                  {t('services.edit')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="default"
                  disabled={!manager}
                  onClick={() => setContractFor(p)}
                  data-testid={`sv-contract-new-${p.code}`}
                >
                  {t('services.newContract')}
                </Button>
              </Group>
            </Group>
            <Text size="xs">
              {p.code} · {p.townships.map((x) => x.name).join('、')} {p.contact ? `· ${p.contact}` : ''}
            </Text>
            <Table fz="xs" mt={4}>
              <Table.Tbody>
                {p.contracts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.year}</Table.Td>
                    <Table.Td>{c.number}</Table.Td>
                    <Table.Td className="sn-num">{money(c.budgetFen)}</Table.Td>
                    <Table.Td>{c.services.map(name).join('、')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ))}
      </SimpleGrid>
      {editing && (
        <ProviderForm
          provider={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            providers.reload();
          }}
        />
      )}
      {contractFor && (
        <ContractForm
          provider={contractFor}
          services={(list.value?.inForce ?? []).map((s) => ({ code: s.code, name: name(s.code) }))}
          onClose={() => setContractFor(null)}
          onSaved={() => {
            setContractFor(null);
            providers.reload();
          }}
        />
      )}
    </Stack>
  );
}

function ProviderForm({ provider, onClose, onSaved }: { provider: Provider | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const townships = useAreas().filter((a) => a.level === 'township');
  const [code, setCode] = useState(provider?.code ?? '');
  const [name, setName] = useState(provider?.name ?? '');
  const [kind, setKind] = useState<ProviderKind>(provider?.kind ?? 'social_work_station');
  const [contact, setContact] = useState(provider?.contact ?? '');
  const [active, setActive] = useState(provider?.active ?? true);
  const [towns, setTowns] = useState<number[]>(provider?.townships.map((x) => x.id) ?? []);
  const { busy, error, run } = useAction();
  async function save() {
    const r = await run(() =>
      call('services.saveProvider', {
        ...(provider ? { id: provider.id } : {}),
        code,
        name,
        kind,
        active,
        townshipIds: towns,
        ...(contact.trim() ? { contact: contact.trim() } : {}),
      }),
    );
    if (r) {
      notifications.show({ color: 'teal', message: t('services.providerSaved', { name }) });
      onSaved();
    }
  }
  return (
    <Modal opened onClose={onClose} title={provider ? provider.name : t('services.newProvider')}>
      <KeyForm onSave={() => void save()} testid="sv-provider-form">
        <Stack gap={6}>
          <Group grow gap="xs">
            <TextInput
              size="xs"
              label={t('services.code')}
              value={code}
              disabled={!!provider}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fieldError(error, 'code')}
              data-testid="sv-pv-code"
            />
            <NativeSelect
              size="xs"
              label={t('services.kindLabel')}
              value={kind}
              onChange={(e) => isCode(PROVIDER_KINDS, e.currentTarget.value) && setKind(e.currentTarget.value)}
              data={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`services.kind.${k}`) }))}
              data-testid="sv-pv-kind"
            />
          </Group>
          <TextInput
            size="xs"
            label={t('services.providerName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
            data-testid="sv-pv-name"
          />
          <TextInput size="xs" label={t('services.contact')} value={contact} onChange={(e) => setContact(e.currentTarget.value)} />
          <Text size="xs" fw={600}>
            {t('services.townships')}
          </Text>
          <Group gap="xs">
            {townships.map((a) => (
              <Checkbox
                key={a.id}
                size="xs"
                label={a.name}
                checked={towns.includes(a.id)}
                onChange={(e) => setTowns((xs) => (e.currentTarget.checked ? [...xs, a.id] : xs.filter((x) => x !== a.id)))}
                data-testid={`sv-pv-town-${a.id}`}
              />
            ))}
          </Group>
          <Text size="xs" c="red">
            {fieldError(error, 'townshipIds') ?? ''}
          </Text>
          {provider && (
            <Checkbox size="xs" label={t('services.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          )}
          <ErrorAlert error={error} />
          <Button
            size="xs"
            onClick={() => void save()}
            loading={busy}
            disabled={!code || !name || towns.length === 0}
            data-testid="sv-pv-save"
          >
            {t('services.save')}
          </Button>
        </Stack>
      </KeyForm>
    </Modal>
  );
}

function ContractForm({
  provider,
  services,
  onClose,
  onSaved,
}: {
  provider: Provider;
  services: { code: string; name: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [year, setYear] = useState(String(dayjs().year()));
  const [number, setNumber] = useState('');
  const [budget, setBudget] = useState('');
  const [signedOn, setSignedOn] = useState(dayjs().format('YYYY-MM-DD'));
  const [codes, setCodes] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  const fen = fenOf(budget);
  async function save() {
    if (fen === null) return;
    const r = await run(() =>
      call('services.saveContract', { providerId: provider.id, year: Number(year), number, budgetFen: fen, services: codes, signedOn }),
    );
    if (r) {
      notifications.show({ color: 'teal', message: t('services.contractSaved', { name: provider.name, y: year }) });
      onSaved();
    }
  }
  return (
    <Modal opened onClose={onClose} title={t('services.contractTitle', { name: provider.name })}>
      <KeyForm onSave={() => void save()} testid="sv-contract-form">
        <Stack gap={6}>
          <Group grow gap="xs">
            <TextInput
              size="xs"
              label={t('services.year')}
              value={year}
              onChange={(e) => setYear(e.currentTarget.value)}
              error={fieldError(error, 'year')}
              data-testid="sv-ct-year"
            />
            <TextInput
              size="xs"
              label={t('services.contractNumber')}
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              data-testid="sv-ct-number"
            />
          </Group>
          <Group grow gap="xs">
            <TextInput
              size="xs"
              label={t('services.budgetYuan')}
              value={budget}
              onChange={(e) => setBudget(e.currentTarget.value)}
              error={budget && fen === null ? t('services.notAmount') : undefined}
              data-testid="sv-ct-budget"
            />
            <TextInput
              size="xs"
              label={t('services.signedOn')}
              value={signedOn}
              onChange={(e) => setSignedOn(e.currentTarget.value)}
              data-testid="sv-ct-signed"
            />
          </Group>
          <Group gap="xs">
            {services.map((s) => (
              <Checkbox
                key={s.code}
                size="xs"
                label={s.name}
                checked={codes.includes(s.code)}
                onChange={(e) => setCodes((xs) => (e.currentTarget.checked ? [...xs, s.code] : xs.filter((x) => x !== s.code)))}
                data-testid={`sv-ct-service-${s.code}`}
              />
            ))}
          </Group>
          <ErrorAlert error={error} />
          <Button
            size="xs"
            onClick={() => void save()}
            loading={busy}
            disabled={fen === null || !number || codes.length === 0}
            data-testid="sv-ct-save"
          >
            {t('services.save')}
          </Button>
        </Stack>
      </KeyForm>
    </Modal>
  );
}
