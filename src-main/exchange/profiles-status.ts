/**
 * Profiles of the files that tell who a person is and what they own (docs/rules/assistance.md
 * §6): deaths and the like, vehicles, real estate, businesses, school enrolment, disability
 * certificates and return-to-poverty monitoring flags.
 */
import { date, field, ID, isProblem, joined, money, NAME, need, type Profile } from './profile-fields';

/** Death, cremation, cancellation; prison and declared missing come in the same file. */
const DEATH_WORDS = /死亡|火化|注销|殡葬|death|cremat|cancel/i;
const PRISON_WORDS = /服刑|在押|监狱|羁押|prison|jail/i;
const MISSING_WORDS = /失踪|missing/i;

/** A Map, not an object: a cell reading "constructor" must not find Object's. */
const MONITORING_TYPES = new Map([
  ['脱贫不稳定户', 'unstable'],
  ['边缘易致贫户', 'edge'],
  ['突发严重困难户', 'sudden_hardship'],
  ['unstable', 'unstable'],
  ['edge', 'edge'],
  ['sudden_hardship', 'sudden_hardship'],
]);

export const STATUS_PROFILES = {
  public_security_deaths: {
    source: 'public_security_deaths',
    zh: '公安：死亡、注销、服刑、失踪',
    en: 'Public security: deaths, cancellations, prison, missing',
    department: 'public_security',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      field('eventDate', 'date', true, '日期', ['死亡日期', '注销日期', '火化日期', '发生日期', 'date', 'eventdate', 'deathdate']),
      field('event', 'text', false, '事件', ['类型', '注销原因', '事件类型', '变动类型', 'event', 'type', 'reason']),
    ],
    stage(v) {
      const d = date(v, 'eventDate', '日期', true);
      if (isProblem(d)) return d;
      const ev = v.event || '死亡';
      if (PRISON_WORDS.test(ev)) return { category: 'prison', eventDate: d, evidenceKey: `prison:${d}`, amountFen: null, detail: ev };
      if (MISSING_WORDS.test(ev)) return { category: 'missing', eventDate: d, evidenceKey: `missing:${d}`, amountFen: null, detail: ev };
      if (!DEATH_WORDS.test(ev))
        return {
          field: 'event',
          en: `unknown event "${ev}" (death, cremation, cancellation, prison, missing)`,
          zh: `无法识别的事件“${ev}”（死亡、火化、注销、服刑、失踪）`,
        };
      return { category: 'death', eventDate: d, evidenceKey: `death:${d}`, amountFen: null, detail: ev };
    },
  },
  public_security_vehicles: {
    source: 'public_security_vehicles',
    zh: '公安：机动车登记',
    en: 'Public security: vehicles',
    department: 'public_security',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      field('plate', 'text', true, '号牌号码', ['车牌号', '车牌号码', '号牌', 'plate', 'platenumber']),
      field('vehicleType', 'text', false, '车辆类型', ['车型', 'vehicletype', 'type']),
      field('registeredOn', 'date', false, '初次登记日期', ['初次登记', '登记日期', 'firstregistration', 'registeredon']),
      field('status', 'text', false, '机动车状态', ['状态', 'status']),
    ],
    stage(v) {
      const p = need(v, 'plate', '号牌号码');
      if (p) return p;
      const d = date(v, 'registeredOn', '初次登记日期', false);
      if (isProblem(d)) return d;
      return {
        category: 'vehicle',
        eventDate: d,
        evidenceKey: v.plate.replace(/\s+/g, '').toUpperCase(),
        amountFen: null,
        detail: joined(v.vehicleType, v.status),
      };
    },
  },
  real_estate: {
    source: 'real_estate',
    zh: '不动产登记',
    en: 'Real estate',
    department: 'natural_resources',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      field('certificate', 'text', true, '不动产权证号', ['产权证号', '不动产单元号', '证书号', '权证号', 'certificate', 'unit']),
      field('location', 'text', false, '坐落', ['房屋坐落', '位置', 'location']),
      field('use', 'text', false, '用途', ['规划用途', 'use']),
      field('floorArea', 'text', false, '建筑面积', ['面积', 'floorarea', 'area']),
      field('registeredOn', 'date', false, '登记日期', ['登记时间', 'registeredon', 'date']),
    ],
    stage(v) {
      const p = need(v, 'certificate', '不动产权证号');
      if (p) return p;
      const d = date(v, 'registeredOn', '登记日期', false);
      if (isProblem(d)) return d;
      const detail = joined(v.location, v.use, v.floorArea && `${v.floorArea}㎡`);
      return { category: 'property', eventDate: d, evidenceKey: v.certificate, amountFen: null, detail };
    },
  },
  market_regulation: {
    source: 'market_regulation',
    zh: '市场监管：市场主体登记',
    en: 'Market regulation: businesses',
    department: 'market_regulation',
    needsAuthorisation: true,
    fields: [
      ID,
      NAME,
      field('creditCode', 'text', true, '统一社会信用代码', ['信用代码', '注册号', 'creditcode', 'uscc']),
      field('businessName', 'text', false, '企业名称', ['名称', '主体名称', 'businessname']),
      field('role', 'text', false, '身份', ['人员类型', '职务', 'role']),
      field('capital', 'money', false, '注册资本', ['出资额', '认缴出资', 'capital']),
      field('status', 'text', false, '登记状态', ['经营状态', '状态', 'status']),
      field('registeredOn', 'date', false, '成立日期', ['登记日期', 'registeredon', 'date']),
    ],
    stage(v) {
      const p = need(v, 'creditCode', '统一社会信用代码');
      if (p) return p;
      const d = date(v, 'registeredOn', '成立日期', false);
      if (isProblem(d)) return d;
      const c = money(v, 'capital', '注册资本', false);
      if (isProblem(c)) return c;
      const detail = joined(v.businessName, v.role, v.status);
      return { category: 'business', eventDate: d, evidenceKey: v.creditCode.toUpperCase(), amountFen: c, detail };
    },
  },
  education: {
    source: 'education',
    zh: '教育：学籍',
    en: 'Education: enrolment',
    department: 'education',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      field('school', 'text', false, '学校', ['学校名称', 'school']),
      field('level', 'text', false, '学段', ['年级', '层次', 'level']),
      field('status', 'text', true, '学籍状态', ['状态', 'status']),
      field('date', 'date', true, '日期', ['变动日期', '毕业日期', 'date']),
      field('aid', 'money', false, '资助金额', ['资助', 'aid']),
    ],
    stage(v) {
      const p = need(v, 'status', '学籍状态');
      if (p) return p;
      const d = date(v, 'date', '日期', true);
      if (isProblem(d)) return d;
      const a = money(v, 'aid', '资助金额', false);
      if (isProblem(a)) return a;
      const graduated = /毕业|graduat/i.test(v.status);
      return {
        category: graduated ? 'graduated' : 'enrolment',
        eventDate: d,
        evidenceKey: `${graduated ? 'grad' : 'school'}:${d}`,
        amountFen: a,
        detail: joined(v.school, v.level, v.status),
      };
    },
  },
  disability_federation: {
    source: 'disability_federation',
    zh: '残联：残疾证',
    en: "Disabled persons' federation",
    department: 'disability_federation',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      field('certificate', 'text', false, '残疾证号', ['证号', 'certificate']),
      field('kind', 'text', true, '残疾类别', ['类别', 'kind', 'type']),
      field('grade', 'text', true, '残疾等级', ['等级', 'grade']),
      field('issuedOn', 'date', false, '发证日期', ['办证日期', 'issuedon', 'date']),
    ],
    stage(v) {
      const g = /([1-4一二三四])/.exec(v.grade ?? '');
      if (!g)
        return { field: 'grade', en: `"${v.grade ?? ''}" is not a disability grade (1–4)`, zh: `“${v.grade ?? ''}”不是残疾等级（1–4级）` };
      const grade = '1一'.includes(g[1]) ? 1 : '2二'.includes(g[1]) ? 2 : '3三'.includes(g[1]) ? 3 : 4;
      const d = date(v, 'issuedOn', '发证日期', false);
      if (isProblem(d)) return d;
      return {
        category: 'disability_certificate',
        eventDate: d,
        evidenceKey: v.certificate || `${v.kind}:${grade}`,
        amountFen: null,
        detail: `${v.kind}${grade}级`,
        grade,
      };
    },
  },
  agriculture_monitoring: {
    source: 'agriculture_monitoring',
    zh: '农业农村：防止返贫监测对象',
    en: 'Agriculture: return-to-poverty monitoring',
    department: 'agriculture',
    needsAuthorisation: false,
    fields: [
      ID,
      NAME,
      field('flagType', 'text', true, '监测对象类型', ['监测类型', '类型', 'flagtype', 'type']),
      field('date', 'date', false, '识别日期', ['纳入日期', '日期', 'date']),
    ],
    stage(v) {
      const t = MONITORING_TYPES.get(v.flagType) ?? MONITORING_TYPES.get(v.flagType?.toLowerCase());
      if (!t)
        return {
          field: 'flagType',
          en: `"${v.flagType}" is not a monitoring type (脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户)`,
          zh: `“${v.flagType}”不是监测对象类型（脱贫不稳定户／边缘易致贫户／突发严重困难户）`,
        };
      const d = date(v, 'date', '识别日期', false);
      if (isProblem(d)) return d;
      return { category: t, eventDate: d, evidenceKey: `flag:${t}`, amountFen: null, detail: v.flagType };
    },
  },
} satisfies Record<string, Profile>;
