import { describe, expect, it } from 'vitest';
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
];

const ZH: [string, Category][] = [
  ['为反腐败机构开发资产申报分析软件', 'capacity_building'],
  ['协助设立被没收资产管理办公室', 'institution_building'],
  ['分享其他国家保护举报人的良好做法', 'international_cooperation'],
  ['就将法人刑事责任纳入《刑法》提供专家咨询', 'legislative_assistance'],
  ['协助制定国家反腐败战略', 'policymaking'],
  ['制定法官行为守则', 'legislative_assistance'],
  ['为司法学院培训员举办廉正培训', 'capacity_building'],
  ['对反腐败机构开展需求评估', 'research_data'],
  ['加强金融情报机构与执法机构之间的协调', 'institution_building'],
  ['与邻国建立资产追回联络点网络', 'international_cooperation'],
  ['审查关于公共采购的法律框架', 'legislative_assistance'],
  ['就新的信息公开法开展提高认识运动', 'capacity_building'],
  ['制定关于受益所有权透明度的国家行动计划', 'policymaking'],
  ['借鉴其他国家的做法，为法官开发关于资产返还的在线课程', 'capacity_building'],
  ['为落实国家战略的联络人员举办关于进度监测的培训', 'capacity_building'],
];

describe('category classifier', () => {
  const model = trainedModel();

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
