/** Charity organisations and their programmes, for needs public assistance leaves. */
import { z } from 'zod';
import { ASSISTANCES } from '../common/codes';
import { MANAGERS, method, ok, STAFF } from './common';

const programme = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  name: z.string(),
  assistance: z.enum(ASSISTANCES),
  description: z.string().nullable(),
  active: z.boolean(),
});

export const charityMethods = {
  'charity.list': method({
    input: z.object({}),
    output: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        contact: z.string().nullable(),
        active: z.boolean(),
        programmes: z.array(programme),
      }),
    ),
    access: STAFF,
  }),
  'charity.createOrganisation': method({
    input: z.object({ name: z.string().trim().min(2).max(100), contact: z.string().max(200).optional() }),
    output: z.object({ id: z.number().int() }),
    access: MANAGERS,
  }),
  'charity.createProgramme': method({
    input: z.object({
      organisationId: z.number().int(),
      name: z.string().trim().min(2).max(100),
      assistance: z.enum(ASSISTANCES).default('charity'),
      description: z.string().max(500).optional(),
    }),
    output: z.object({ id: z.number().int() }),
    access: MANAGERS,
  }),
  'charity.setActive': method({
    input: z.object({ kind: z.enum(['organisation', 'programme']), id: z.number().int(), active: z.boolean() }),
    output: ok,
    access: MANAGERS,
  }),
} as const;
