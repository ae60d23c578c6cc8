import { useEffect, useState } from 'react';
import { Accordion, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { PARAMETER_IDS } from '../../../src-main/common/parameters';
import { ErrorAlert } from '../lib/errors';
import { parameterSetText } from '../lib/format';
import { showValue, unitOf } from './parameter-values';

/** Read-only: the values in force today (any staff member). */
export function ParametersInForce() {
  const { t } = useTranslation();
  const [p, setP] = useState<Output<'parameters.inForce'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('parameters.inForce', {}).then(setP).catch(setError);
  }, []);
  const values = p?.values;
  return (
    <Accordion variant="contained" data-testid="params-in-force">
      <Accordion.Item value="p">
        <Accordion.Control py={4}>
          <Text size="sm">
            {t('params.inForce')}
            {p ? ` · ${parameterSetText(p.id)}` : ''}
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          <ErrorAlert error={error} />
          {values && (
            <Table verticalSpacing={1} fz="xs" data-testid="params-in-force-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('params.parameter')}</Table.Th>
                  <Table.Th className="sn-num">{t('params.urban')}</Table.Th>
                  <Table.Th className="sn-num">{t('params.rural')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {PARAMETER_IDS.map((id) => (
                  <Table.Tr key={id}>
                    <Table.Td>{t(`params.names.${id}`, { defaultValue: id })}</Table.Td>
                    <Table.Td className="sn-num">{showValue(id, unitOf(id), values.urban[id])}</Table.Td>
                    <Table.Td className="sn-num">{showValue(id, unitOf(id), values.rural[id])}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
