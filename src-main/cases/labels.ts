/** Words of the cases domain the printed forms and exports share (the screen keeps its own in src-renderer/src/cases/i18n.ts). */
import type { Bilingual } from '../common/errors';
import type { Stage } from './limits';

export const STAGE_LABEL: Record<Stage, Bilingual> = {
  received: { zh: '已受理', en: 'received' },
  investigated: { zh: '已调查', en: 'investigated' },
  publicised: { zh: '公示中', en: 'publicised' },
  decided: { zh: '已审批', en: 'decided' },
  refused: { zh: '不予批准', en: 'refused' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};
