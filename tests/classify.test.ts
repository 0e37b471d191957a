import { beforeAll, describe, expect, it } from 'vitest';
import { classifyCategory, CategoryModel } from '../pipeline/classify/index.js';
import { labelledNeeds, TRAINING_CORPUS, trainedModel } from '../pipeline/needs.js';
import type { Category } from '../pipeline/model.js';

/** Needs phrased as reviews phrase them, each coded as the domain page's category table says. */
const EN: [string, Category][] = [
  ['Technical assistance in developing a methodology for corruption risk assessments in the health sector', 'research_data'],
  ['Specialized software for the analysis of asset declarations', 'capacity_building'],
  ['Support for the establishment of an asset management office', 'institution_building'],
  ['Good practices on the protection of reporting persons', 'international_cooperation'],
  ['Expert advice on introducing criminal liability of legal persons into the Penal Code', 'legislative_assistance'],
  ['Assistance with the development of a national anti-corruption strategy', 'policymaking'],
  ['Development of a code of conduct for judges', 'legislative_assistance'],
  ['Training of trainers for the judicial academy on integrity', 'capacity_building'],
  ['A needs assessment of the anti-corruption agency', 'research_data'],
  ['Enhancing coordination between the financial intelligence unit and law enforcement agencies', 'institution_building'],
  ['Collection of data on the number of mutual legal assistance requests', 'research_data'],
  ['Establishing a network of focal points with neighbouring countries for asset recovery', 'international_cooperation'],
  ['Review of the legal framework governing public procurement', 'legislative_assistance'],
  ['Awareness campaigns on the new access to information law', 'capacity_building'],
  ['Building the capacity of the ombudsman office to handle complaints', 'capacity_building'],
  ['Strengthening the independence and resources of the anti-corruption commission', 'institution_building'],
  ['Drafting of a national action plan on beneficial ownership transparency', 'policymaking'],
  ['Development of indicators to measure the effectiveness of preventive measures', 'research_data'],
  ['Technical support for the digitization of the asset declaration system', 'capacity_building'],
  ['Assistance in conducting a national corruption risk assessment of the public sector', 'research_data'],
  ['Support in establishing a whistle-blower protection office within the Ombudsman', 'institution_building'],
  ['Expert review of draft amendments to the Anti-Corruption Act', 'legislative_assistance'],
  ['Development of a national integrity policy for local governments', 'policymaking'],
  ['Sharing of good practices with other States parties on beneficial ownership registers', 'international_cooperation'],
  ['Training of trainers at the National School of Administration on ethics', 'capacity_building'],
  ['A comparative analysis of asset disclosure systems in the region', 'research_data'],
  ['Setting up a joint task force of the tax administration and the police for financial investigations', 'institution_building'],
  ['Guidance on the preparation of a model law on non-conviction-based forfeiture', 'legislative_assistance'],
  ['Capacity-building for judges on the management of seized assets', 'capacity_building'],
  ['Assistance in developing an electronic case management system for mutual legal assistance requests', 'research_data'],
  ['Support for the creation of an asset management agency', 'institution_building'],
  ['Advice on developing a strategy for asset recovery', 'policymaking'],
  ['Facilitating contacts with foreign counterparts to speed up mutual legal assistance', 'international_cooperation'],
  ['Collection and analysis of statistics on confiscated and returned assets', 'research_data'],
  ['Public awareness campaigns on reporting corruption', 'capacity_building'],
  ['Amending the Companies Act to require the disclosure of beneficial owners', 'legislative_assistance'],
  ['Specialized workshops for financial investigators on virtual assets', 'capacity_building'],
  ['Setting up a national database of politically exposed persons', 'research_data'],
  ['Study tours to countries with experience in managing confiscated assets', 'capacity_building'],
  ['Twinning arrangements between the national audit office and audit institutions of neighbouring States', 'international_cooperation'],
  ['Support in drafting a code of ethics for members of parliament', 'legislative_assistance'],
  ['Assistance in formulating an action plan to implement the national anti-corruption strategy', 'policymaking'],
  ['Development of indicators and a monitoring and evaluation framework for the anti-corruption strategy', 'research_data'],
  ['Assistance in reviewing the legal framework on access to information (art. 10)', 'legislative_assistance'],
  ['Support for the development of a risk-based methodology for verifying asset declarations', 'research_data'],
  ['Establishment of a secretariat for the national anti-corruption coordination committee', 'institution_building'],
  ['Training for staff of the Public Procurement Authority on e-procurement', 'capacity_building'],
  ['Advice on aligning the education sector plan with anti-corruption objectives', 'policymaking'],
  ['Contacts with foreign central authorities to learn how they handle requests for the return of assets', 'international_cooperation'],
  ['A survey of business perceptions of corruption in customs', 'research_data'],
  ['Strengthening the mandate and independence of the Auditor General', 'institution_building'],
  ['Drafting of implementing regulations for the Whistle-blower Protection Act', 'legislative_assistance'],
  ['A train-the-trainer course for customs officers on detecting bribery at border posts', 'capacity_building'],
  ['Assistance in preparing a sectoral anti-corruption strategy for the extractive industries', 'policymaking'],
  ['Support for participation in regional asset recovery networks such as ARINSA', 'international_cooperation'],
  ['Development of a database to track incoming and outgoing mutual legal assistance requests', 'research_data'],
  ['Mentoring programme for newly appointed prosecutors of the anti-corruption unit', 'capacity_building'],
  ['Creation of a specialized unit for the management of frozen and confiscated assets', 'institution_building'],
  ['Legislative drafting support to criminalize illicit enrichment', 'legislative_assistance'],
  ['Awareness-raising activities for journalists and civil society on access to information', 'capacity_building'],
  ['Technical assistance to develop standard operating procedures for the asset recovery office', 'institution_building'],
  ['Statistical analysis of procurement data to detect collusion', 'research_data'],
  ['Support in formulating a policy on the return of confiscated assets to victims', 'policymaking'],
];

const ZH: [string, Category][] = [
  ['为反腐败机构开发资产申报分析软件', 'capacity_building'],
  ['协助设立被没收资产管理办公室', 'institution_building'],
  ['分享其他国家保护举报人的良好做法', 'international_cooperation'],
  ['就将法人刑事责任纳入《刑法》提供专家咨询', 'legislative_assistance'],
  ['协助为采掘业制定部门反腐败战略', 'policymaking'],
  ['制定法官行为守则', 'legislative_assistance'],
  ['为司法学院培训员举办廉正培训', 'capacity_building'],
  ['对反腐败机构开展需求评估', 'research_data'],
  ['加强金融情报机构与执法机构之间的协调', 'institution_building'],
  ['与邻国建立资产追回联络点网络', 'international_cooperation'],
  ['审查关于公共采购的法律框架', 'legislative_assistance'],
  ['就新的信息公开法开展提高认识运动', 'capacity_building'],
  ['制定关于受益所有权透明度的国家行动计划', 'policymaking'],
  ['借鉴其他国家的做法，为法官开发关于资产返还的在线课程', 'capacity_building'],
  ['为海关官员举办关于识别边境贿赂行为的培训员培训', 'capacity_building'],
  ['为财产申报系统的数字化提供技术支持', 'capacity_building'],
  ['协助开展全国公共部门腐败风险评估', 'research_data'],
  ['支持在监察员办公室内设立举报人保护办公室', 'institution_building'],
  ['由专家审查《反腐败法》修正草案', 'legislative_assistance'],
  ['为地方政府制定国家廉政政策', 'policymaking'],
  ['与其他缔约国分享关于受益所有权登记的良好做法', 'international_cooperation'],
  ['对本区域资产申报制度进行比较分析', 'research_data'],
  ['由税务机关和警方组建负责金融调查的联合工作组', 'institution_building'],
  ['就拟订关于不经定罪没收的示范法提供指导', 'legislative_assistance'],
  ['为法官举办关于被扣押资产管理的能力建设活动', 'capacity_building'],
  ['协助开发司法协助请求电子案件管理系统', 'research_data'],
  ['支持设立资产管理机构', 'institution_building'],
  ['就制定资产追回战略提供咨询', 'policymaking'],
  ['促进与外国对口机构的联系，加快司法协助', 'international_cooperation'],
  ['收集和分析关于被没收和返还资产的统计数据', 'research_data'],
  ['开展关于举报腐败的公众宣传活动', 'capacity_building'],
  ['修订《公司法》，要求披露受益所有人', 'legislative_assistance'],
  ['为金融调查人员举办关于虚拟资产的专题讲习班', 'capacity_building'],
  ['建立政治公众人物国家数据库', 'research_data'],
  ['组织赴在管理没收资产方面有经验的国家进行考察访问', 'capacity_building'],
  ['在国家审计署与邻国审计机构之间建立结对安排', 'international_cooperation'],
  ['协助起草议员道德守则', 'legislative_assistance'],
  ['协助制定执行国家反腐败战略的行动计划', 'policymaking'],
  ['为反腐败战略制定指标以及监测和评价框架', 'research_data'],
  ['协助审查关于获取信息的法律框架（第十条）', 'legislative_assistance'],
  ['支持制定基于风险的财产申报核查方法', 'research_data'],
  ['为国家反腐败协调委员会设立秘书处', 'institution_building'],
  ['为公共采购管理局工作人员举办电子采购培训', 'capacity_building'],
  ['就使教育部门计划与反腐败目标相一致提供咨询', 'policymaking'],
  ['与外国中央机关联系，了解其如何处理返还资产的请求', 'international_cooperation'],
  ['对企业界关于海关腐败的看法开展调查', 'research_data'],
  ['加强审计长的职能和独立性', 'institution_building'],
  ['起草《举报人保护法》实施条例', 'legislative_assistance'],
  ['为边境口岸的海关官员开设识别贿赂行为的课程', 'capacity_building'],
  ['协助拟订保护举报人的国家政策', 'policymaking'],
  ['支持参加南部非洲资产追回机构间网络等区域资产追回网络', 'international_cooperation'],
  ['开发跟踪收到和发出的司法协助请求的数据库', 'research_data'],
  ['为反腐败单位新任命的检察官制定辅导方案', 'capacity_building'],
  ['设立负责管理被冻结和没收资产的专门单位', 'institution_building'],
  ['提供立法起草支持，将资产非法增加定为刑事犯罪', 'legislative_assistance'],
  ['为记者和民间社会开展关于获取信息的提高认识活动', 'capacity_building'],
  ['为资产追回办公室制定标准作业程序', 'institution_building'],
  ['对采购数据进行统计分析，以发现串通投标', 'research_data'],
  ['协助制定关于向受害人返还没收资产的政策', 'policymaking'],
];

describe('category classifier', () => {
  const model = trainedModel();
  // Each language's model is trained or loaded, and nodejieba's dictionary read, on its first need: seconds.
  beforeAll(() => {
    classifyCategory('Training courses for judges', 'en', model);
    classifyCategory('为法官举办培训', 'zh', model);
  }, 300_000);

  it.each(EN)('en: %s → %s', (text, category) => {
    expect(classifyCategory(text, 'en', model).category).toBe(category);
  });

  it.each(ZH)('zh: %s → %s', (text, category) => {
    expect(classifyCategory(text, 'zh', model).category).toBe(category);
  });

  it('lets a category named at the head of the item decide, with full confidence', () => {
    expect(classifyCategory('Research: training on typologies of money-laundering', 'en', model)).toEqual({ category: 'research_data', confidence: 1, cues: ['prefix: Research:'] });
    expect(classifyCategory('体制建设：为监察员举办培训', 'zh', model)).toMatchObject({ category: 'institution_building', confidence: 1 });
  });

  it('says which cues decided, and is less sure when cues pull apart', () => {
    const clear = classifyCategory('Training courses for judges', 'en', model);
    const split = classifyCategory('Training on drafting a law and a strategy and a survey', 'en', model);
    expect(clear.cues.some((c) => c.startsWith('Training→capacity_building'))).toBe(true);
    expect(clear.cues.some((c) => c.startsWith('model: capacity_building'))).toBe(true);
    expect(split.confidence).toBeLessThan(clear.confidence);
  });

  it('learns from labelled needs: the model alone decides where the lexicon has no cue', () => {
    const examples = labelledNeeds(TRAINING_CORPUS);
    expect(examples.length).toBe(40);
    const model = new CategoryModel([
      { text: 'zebra quokka', lang: 'en', category: 'research_data' },
      { text: 'walrus narwhal', lang: 'en', category: 'policymaking' },
    ]);
    expect(classifyCategory('a quokka', 'en', model).category).toBe('research_data');
    expect(classifyCategory('a narwhal', 'en', model).category).toBe('policymaking');
  });
});
