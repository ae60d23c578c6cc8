/**
 * Intake: a new household, or an edit of a stored one, typed from the keyboard alone — Enter
 * moves on, Alt+N adds a member, Ctrl+S saves. Problems are shown next to their field, the
 * service's too; what was typed is kept in the tab (a draft) until it is saved or discarded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import { errorText } from '../lib/errors';
import { navigate } from '../lib/router';
import { invalidateAreas } from '../lib/areas';
import { enterMovesOn, hasPath } from '../lib/paths';
import { INTAKE } from './form-kit';
import { HouseholdFields } from './HouseholdFields';
import { emptyForm, emptyMember, serverFieldToPath, toForm, validateForm, type FormValues } from './household-form';

/** What a draft keeps: the values as typed and the version of the household they edit. */
interface Draft {
  values: FormValues;
  version: number | null;
}

/** Puts the cursor in a field once React has drawn it. */
const focusPath = (path: string) => window.setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="f-${path}"]`)?.focus(), 30);

function readDraft(key: string): Draft | null {
  const text = sessionStorage.getItem(key);
  if (!text) return null;
  try {
    const d: Draft = JSON.parse(text); // written by this form (below), in this tab
    return d.values ? d : null;
  } catch {
    return null; // a broken draft is ignored
  }
}

export function HouseholdForm({ id }: { id?: number }) {
  const { t } = useTranslation();
  const draftKey = `safetynet.draft.${id ?? 'new'}`;
  const [loaded, setLoaded] = useState(!id);
  const [version, setVersion] = useState<number | null>(null);
  const [general, setGeneral] = useState<{ message: string; code?: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [draftRestored, setDraftRestored] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // Set once the values shown are the user's own: loading them is not an edit.
  const editing = useRef(!id);
  const dirty = useRef(false);
  // Stable, so that the form's setters are too (they depend on it).
  const onValuesChange = useCallback(() => {
    if (editing.current) dirty.current = true;
  }, []);
  const form = useForm<FormValues>({ mode: 'controlled', initialValues: emptyForm(), onValuesChange });
  const { setValues } = form;

  // Load: a draft kept in this tab wins (typed input is never lost), else the stored household.
  useEffect(() => {
    const show = (values: FormValues, v: number | null) => {
      editing.current = false;
      setValues(values);
      editing.current = true;
      setVersion(v);
      setLoaded(true);
    };
    const draft = readDraft(draftKey);
    if (draft) {
      show(draft.values, draft.version);
      setDraftRestored(true);
      return;
    }
    if (id) {
      call('households.get', { id })
        .then((d) => show(toForm(d.household), d.version))
        .catch(setLoadError);
    }
  }, [id, draftKey, setValues]);

  const values = form.values;
  useEffect(() => {
    if (!loaded || !dirty.current) return;
    const h = window.setTimeout(() => sessionStorage.setItem(draftKey, JSON.stringify({ values, version })), 300);
    return () => window.clearTimeout(h);
  }, [values, version, draftKey, loaded]);

  const { insertListItem, setErrors } = form;
  const addMember = useCallback(() => {
    const n = values.members.length;
    insertListItem('members', emptyMember(values.members.some((m) => m.relation === 'head') ? '' : 'head'));
    focusPath(`members.${n}.idNumber`);
  }, [values.members, insertListItem]);

  const save = useCallback(async () => {
    if (!loaded || saving) return;
    const r = validateForm(values);
    setErrors(r.errors);
    if (!r.data) {
      setGeneral({ message: t('form.fixErrors') });
      window.setTimeout(() => rootRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 30);
      return;
    }
    setSaving(true);
    setGeneral(null);
    try {
      const res =
        id && version !== null
          ? await call('households.update', { id, version, household: r.data })
          : await call('households.create', { household: r.data });
      sessionStorage.removeItem(draftKey);
      dirty.current = false;
      invalidateAreas();
      notifications.show({ color: 'teal', message: id ? t('form.updated') : t('form.created', { id: res.id }) });
      navigate(`/households/${res.id}`);
    } catch (e) {
      // Keep every typed value; show the service's message at its field and on top.
      const path = e instanceof ApiError ? serverFieldToPath(e.field) : null;
      if (path) setErrors((x) => ({ ...x, [hasPath(values, path) ? path : 'form']: errorText(e) }));
      setGeneral({ message: t('form.saveFailed', { msg: errorText(e) }), code: e instanceof ApiError ? e.code : undefined });
      if (path) focusPath(path);
    } finally {
      setSaving(false);
    }
  }, [values, loaded, saving, id, version, draftKey, t, setErrors]);

  // Ctrl+S saves, Alt+N adds a member — from any field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        void save();
      } else if (e.altKey && e.code === 'KeyN') {
        e.preventDefault();
        addMember();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, addMember]);

  const discardDraft = () => {
    sessionStorage.removeItem(draftKey);
    window.location.reload();
  };

  if (loadError) return <Alert color="red">{errorText(loadError)}</Alert>;
  if (!loaded) return <Text>{t('common.loading')}</Text>;

  return (
    <div ref={rootRef} onKeyDownCapture={(e) => enterMovesOn(rootRef.current)(e)} data-testid="household-form">
      <Stack gap="sm">
        <Group justify="space-between" className="sn-sticky" py={4}>
          <Group gap="sm">
            <Title order={3}>{id ? t('form.editTitle', { id }) : t('form.newTitle')}</Title>
            <Text size="xs" c="dimmed">
              {t('form.keys')}
            </Text>
          </Group>
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => {
                sessionStorage.removeItem(draftKey);
                navigate(id ? `/households/${id}` : '/households');
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void save()} loading={saving} data-testid="form-save">
              {t('form.save')}
            </Button>
          </Group>
        </Group>
        {draftRestored && (
          <Alert color="blue" py={6} data-testid="draft-restored">
            <Group justify="space-between">
              <Text size="sm">{t('form.draftRestored')}</Text>
              <Button size="compact-xs" variant="subtle" onClick={discardDraft}>
                {t('form.discardDraft')}
              </Button>
            </Group>
          </Alert>
        )}
        {general && (
          <Alert color="red" py={6} data-testid="form-error" data-code={general.code}>
            <Group justify="space-between">
              <Text size="sm">
                {general.message}
                {form.errors.form ? ` — ${form.errors.form}` : ''}
              </Text>
              {general.code === 'stale_household' && (
                <Button size="compact-xs" onClick={discardDraft}>
                  {t('form.stale')}
                </Button>
              )}
            </Group>
          </Alert>
        )}
        <HouseholdFields form={form} variant={INTAKE} autoFocus={!id} />
        <Group justify="flex-end" pb="xl">
          <Button onClick={() => void save()} loading={saving}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </div>
  );
}
