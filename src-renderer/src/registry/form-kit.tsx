/**
 * The household form's inputs, bound to one @mantine/form by their dotted path: a text box, a
 * select of a code list, a check box, a remove button. The intake form and the screener's
 * compact form share them; each keeps its test ids (`f-…` / `s-…`) and errors (`err-…` / `serr-…`).
 */
import type { ReactNode } from 'react';
import { ActionIcon, Checkbox, NativeSelect, TextInput, Tooltip, type NativeSelectProps, type TextInputProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { enumLabel } from '../lib/format';
import type { FormValues } from './household-form';

export type HouseholdFormApi = UseFormReturnType<FormValues>;

export interface FormVariant {
  /** The intake page's full form, or the screener's compact one beside the result. */
  compact: boolean;
  /** Test id of a field: `${field}-${path}`; of its error: `${error}-${path}`. */
  field: 'f' | 's';
  error: 'err' | 'serr';
}

export const INTAKE: FormVariant = { compact: false, field: 'f', error: 'err' };
export const COMPACT: FormVariant = { compact: true, field: 's', error: 'serr' };

export function formKit(form: HouseholdFormApi, variant: FormVariant) {
  const testid = (p: string) => `${variant.field}-${p}`;
  /** The intake width, or the compact one. */
  const w = (intake: number, compact: number) => (variant.compact ? compact : intake);
  const focusPath = (p: string) =>
    window.setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="${testid(p)}"]`)?.focus(), 30);

  const txt = (p: string, label: string, width: number, extra: Partial<TextInputProps> & Record<`data-${string}`, string> = {}) => (
    <TextInput
      label={label}
      w={width}
      size="xs"
      {...form.getInputProps(p)}
      data-testid={testid(p)}
      errorProps={{ 'data-testid': `${variant.error}-${p}` }}
      {...extra}
    />
  );
  const sel = (
    p: string,
    label: string,
    width: number,
    group: string,
    options: readonly string[],
    blank: string | null,
    extra: Partial<NativeSelectProps> = {},
  ) => (
    <NativeSelect
      label={label}
      w={width}
      size="xs"
      {...form.getInputProps(p)}
      data-testid={testid(p)}
      errorProps={{ 'data-testid': `${variant.error}-${p}` }}
      data={[...(blank !== null ? [{ value: '', label: blank }] : []), ...options.map((o) => ({ value: o, label: enumLabel(group, o) }))]}
      {...extra}
    />
  );
  const chk = (p: string, label: string) => (
    <Checkbox label={label} size="xs" mt={22} {...form.getInputProps(p, { type: 'checkbox' })} data-testid={testid(p)} />
  );
  /** Test id of a button or a block: the screener's carry `s-`. */
  const itemId = (id: string) => (variant.compact ? `s-${id}` : id);
  const removeBtn = (label: string, onClick: () => void, id: string): ReactNode => (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="red" mt={20} aria-label={label} onClick={onClick} data-testid={itemId(id)}>
        ×
      </ActionIcon>
    </Tooltip>
  );
  /** Space between fields of a line. */
  const gap = variant.compact ? 6 : 'xs';
  /** Padding of a block. */
  const pad = variant.compact ? 6 : 'xs';
  return { compact: variant.compact, testid, itemId, w, gap, pad, focusPath, txt, sel, chk, removeBtn };
}

export type FormKit = ReturnType<typeof formKit>;
