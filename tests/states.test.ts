import { describe, expect, it } from 'vitest';
import { allStates, resolveState } from '../pipeline/extract/states.js';

describe('States parties and regional groups', () => {
  it.each([
    ['Viet Nam', 'VNM', 'asia_pacific'],
    ['越南', 'VNM', 'asia_pacific'],
    ['United Republic of Tanzania', 'TZA', 'african'],
    ['坦桑尼亚联合共和国', 'TZA', 'african'],
    ['the United Republic of Tanzania', 'TZA', 'african'],
    ['State of Palestine', 'PSE', 'asia_pacific'],
    ['巴勒斯坦国', 'PSE', 'asia_pacific'],
    ['Bolivia (Plurinational State of)', 'BOL', 'latin_american_caribbean'],
    ['多民族玻利维亚国', 'BOL', 'latin_american_caribbean'],
    ['Democratic Republic of the Congo', 'COD', 'african'],
    ['Congo', 'COG', 'african'],
    ['Republic of Moldova', 'MDA', 'eastern_european'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GBR', 'western_european_other'],
    ['大不列颠及北爱尔兰联合王国', 'GBR', 'western_european_other'],
    ['Türkiye', 'TUR', 'western_european_other'],
    ['Niger', 'NER', 'african'],
    ['Nigeria', 'NGA', 'african'],
    ['Dominica', 'DMA', 'latin_american_caribbean'],
    ['Dominican Republic', 'DOM', 'latin_american_caribbean'],
  ])('%s is %s in the %s group', (name, code, region) => {
    expect(resolveState(name)).toMatchObject({ code, region });
  });

  it('gives each group its members, each State once', () => {
    const states = allStates();
    const count = (region: string) => states.filter((s) => s.region === region).length;
    expect(new Set(states.map((s) => s.code)).size).toBe(states.length);
    expect([count('african'), count('eastern_european'), count('latin_american_caribbean')]).toEqual([54, 23, 33]);
    expect(count('asia_pacific')).toBeGreaterThanOrEqual(53);
    expect(count('western_european_other')).toBeGreaterThanOrEqual(28);
  });

  it('knows no State by a name that is not one', () => {
    expect(resolveState('Atlantis')).toBeNull();
    expect(resolveState('Chapter II')).toBeNull();
  });
});
