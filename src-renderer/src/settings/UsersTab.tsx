/**
 * Accounts: the administrator (or a manager) asks for a new one, another role, enabling again or a
 * password reset — a second person confirms under Requests (docs/security.md "Roles and the
 * two-person rule"); the administrator switches an account off at once.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, PasswordInput, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import { ROLES, type Input, type User } from '../../../src-main/contract';
import { ErrorAlert, errorText } from '../lib/errors';
import { useSession } from '../session';
import { SortTh, sortRows, type Sort } from '../components/SortTh';

/** The fields of a new account the service may refuse by name. */
const NEW_USER_FIELDS = ['username', 'displayName', 'password'] as const;
const isNewUserField = (f: string | undefined): f is (typeof NEW_USER_FIELDS)[number] => NEW_USER_FIELDS.some((x) => x === f);

export function UsersTab() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [sort, setSort] = useState<Sort>(null);
  const { user: me } = useSession();
  const isAdmin = me.role === 'administrator';
  const load = useCallback(() => {
    call('users.list', {})
      .then((u) => {
        setUsers(u);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  async function update(u: User, patch: { role?: User['role']; active?: boolean }) {
    try {
      const r = await call('users.update', { id: u.id, ...patch });
      notifications.show({
        color: r.request ? 'orange' : 'teal',
        message: r.request ? t('settings.asked', { id: r.request.id }) : t('settings.userSaved', { u: r.user.username }),
      });
      load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Stack>
      <ErrorAlert error={error} />
      {users && (
        <>
          <Group>
            <Button onClick={() => setCreating(true)} data-testid="new-user">
              {t('settings.newUser')}
            </Button>
          </Group>
          <Table striped data-testid="users-table" maw={900}>
            <Table.Thead>
              <Table.Tr>
                <SortTh label={t('settings.username')} k="username" sort={sort} onSort={setSort} />
                <SortTh label={t('settings.displayName')} k="displayName" sort={sort} onSort={setSort} />
                <SortTh label={t('settings.role')} k="role" sort={sort} onSort={setSort} />
                <Table.Th>{t('settings.active')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sortRows(users, sort).map((u) => (
                <Table.Tr key={u.id} data-testid={`user-row-${u.username}`}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      size="xs"
                      w={140}
                      aria-label={t('settings.role')}
                      value={u.role}
                      onChange={(e) => {
                        const role = ROLES.find((r) => r === e.currentTarget.value);
                        if (role) void update(u, { role });
                      }}
                      data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      data-testid={`user-role-${u.username}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={u.active}
                      aria-label={t('settings.active')}
                      disabled={!isAdmin && u.active}
                      title={!isAdmin && u.active ? t('settings.offByAdmin') : undefined}
                      onChange={(e) => void update(u, { active: e.currentTarget.checked })}
                      data-testid={`user-active-${u.username}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="default" onClick={() => setResetFor(u)} data-testid={`user-reset-${u.username}`}>
                      {t('settings.resetPassword')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <CreateUser opened={creating} onClose={() => setCreating(false)} onCreated={load} />
      <ResetPassword user={resetFor} onClose={() => setResetFor(null)} />
    </Stack>
  );
}

function CreateUser({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  // Closing (Esc) keeps what was typed: the form lives here, not in the modal.
  const form = useForm<Input<'users.create'>>({
    mode: 'controlled',
    initialValues: { username: '', displayName: '', role: 'clerk', password: '' },
  });
  const [error, setError] = useState<string | null>(null);
  const create = form.onSubmit(async (v) => {
    setError(null);
    try {
      const r = await call('users.create', v);
      notifications.show({ color: 'orange', message: t('settings.userAsked', { u: v.username, id: r.id }) });
      form.reset();
      onCreated();
      onClose();
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (isNewUserField(field)) form.setFieldError(field, errorText(err));
      else setError(errorText(err));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.newUser')}>
      <form onSubmit={create}>
        <Stack>
          <TextInput label={t('settings.username')} {...form.getInputProps('username')} data-testid="nu-username" data-autofocus />
          <TextInput label={t('settings.displayName')} {...form.getInputProps('displayName')} data-testid="nu-display" />
          <NativeSelect
            label={t('settings.role')}
            {...form.getInputProps('role')}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-testid="nu-role"
          />
          <PasswordInput
            label={t('setup.password')}
            description={t('settings.initialPassword')}
            {...form.getInputProps('password')}
            data-testid="nu-password"
          />
          <Text size="xs" c="dimmed">
            {t('settings.twoPeople')}
          </Text>
          {error && (
            <Alert color="red" data-testid="nu-error">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" data-testid="nu-submit">
              {t('settings.ask')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPassword({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ mode: 'controlled', initialValues: { password: '' } });
  const save = form.onSubmit(async ({ password }) => {
    if (!user) return;
    try {
      const r = await call('users.update', { id: user.id, password });
      notifications.show({ color: 'orange', message: t('settings.asked', { id: r.request?.id ?? 0 }) });
      form.reset();
      onClose();
    } catch (err) {
      form.setFieldError('password', errorText(err));
    }
  });
  return (
    <Modal opened={!!user} onClose={onClose} title={`${t('settings.resetPassword')} · ${user?.username ?? ''}`}>
      <form onSubmit={save}>
        <Stack>
          <PasswordInput
            label={t('settings.newPassword')}
            {...form.getInputProps('password')}
            data-testid="reset-password"
            data-autofocus
          />
          <Group justify="flex-end">
            <Button type="submit" data-testid="reset-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
