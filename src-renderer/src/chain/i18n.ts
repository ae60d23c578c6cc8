/** Words of the chain screens, in both languages; keys are this file's own (src-renderer/src/i18n/index.ts). */
import type { Bundle } from '../i18n/bundle';

export const chainWords = {
  zh: {
    chain: {
      title: '一户一救助链',
      happiness: '幸福清单',
      filterPerson: '成员',
      all: '全户及全部成员',
      empty: '救助链上暂无记录。',
      basis: '依据',
      recordedBy: '{{u}} 记录',
      print: '打印救助链',
      cash: '救助金',
      noHappiness: '该户尚无经审批的认定结果，可享救助尚不明确。',
      received: '已享受 {{n}} 项',
      pending: '待落实 {{n}} 项',
      declined: '未享受 {{n}} 项',
    },
  },
  en: {
    chain: {
      title: 'One household, one assistance chain',
      happiness: 'Happiness list',
      filterPerson: 'Person',
      all: 'Whole household and everyone',
      empty: 'Nothing on the chain yet.',
      basis: 'Basis',
      recordedBy: 'recorded by {{u}}',
      print: 'Print the chain',
      cash: 'Cash benefit',
      noHappiness: 'No entitlement known: the household has no approved determination.',
      received: '{{n}} received',
      pending: '{{n}} pending',
      declined: '{{n}} declined',
    },
  },
} satisfies Bundle;
