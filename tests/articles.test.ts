import { describe, expect, it } from 'vitest';
import { chapterOf, chineseNumber, parseArticleRefs, parseNumber } from '../pipeline/extract/articles.js';

const refs = (text: string) => parseArticleRefs(text).map(({ start: _start, end: _end, ...ref }) => ref);

describe('article citations in English', () => {
  it.each([
    ['art. 9', [{ article: 9 }]],
    ['arts. 5 and 6', [{ article: 5 }, { article: 6 }]],
    ['article 52, paragraph 1', [{ article: 52, paragraph: 1 }]],
    ['art. 9 (1)(b)', [{ article: 9, paragraph: 1, subparagraph: 'b' }]],
    ['(art. 14, para. 1 (a))', [{ article: 14, paragraph: 1, subparagraph: 'a' }]],
    ['(arts. 51, 56 and 59)', [{ article: 51 }, { article: 56 }, { article: 59 }]],
    ['(arts. 53-55)', [{ article: 53 }, { article: 54 }, { article: 55 }]],
    ['articles 11 to 14', [{ article: 11 }, { article: 12 }, { article: 13 }, { article: 14 }]],
    ['(art. 10 (a))', [{ article: 10, subparagraph: 'a' }]],
    ['a line wrapped in the citation (art.\n5, para. 1).', [{ article: 5, paragraph: 1 }]],
  ])('%s', (text, expected) => {
    expect(refs(text)).toEqual(expected);
  });
});

describe('article citations in Chinese', () => {
  it.each([
    ['第九条', [{ article: 9 }]],
    ['第 9 条', [{ article: 9 }]],
    ['第五十二条第一款', [{ article: 52, paragraph: 1 }]],
    ['第五条和第六条', [{ article: 5 }, { article: 6 }]],
    ['第五至十条', [5, 6, 7, 8, 9, 10].map((article) => ({ article }))],
    ['（第五十三条至第五十五条）', [{ article: 53 }, { article: 54 }, { article: 55 }]],
    ['第五十一条、第五十二条和第五十八条', [{ article: 51 }, { article: 52 }, { article: 58 }]],
    ['第十条（一）项', [{ article: 10, subparagraph: 'a' }]],
    ['第五十四条第一款（三）项', [{ article: 54, paragraph: 1, subparagraph: 'c' }]],
    ['第七十一条', [{ article: 71 }]],
    ['第七十二条', []],
  ])('%s', (text, expected) => {
    expect(refs(text)).toEqual(expected);
  });

  it('reads Chinese numerals up to 七十一', () => {
    expect(['一', '九', '十', '十四', '二十', '五十二', '七十一'].map(parseNumber)).toEqual([1, 9, 10, 14, 20, 52, 71]);
  });

  it('writes article numbers as the notes do, the inverse of reading them, for every article of the Convention', () => {
    expect([5, 10, 14, 20, 52, 71].map(chineseNumber)).toEqual(['五', '十', '十四', '二十', '五十二', '七十一']);
    for (let n = 1; n <= 71; n++) expect(parseNumber(chineseNumber(n))).toBe(n);
  });

  it('gives the span of each citation', () => {
    const text = '建议埃及：确保行政监察局拥有充足资源（第六条第二款）。';
    const [ref] = parseArticleRefs(text);
    expect(text.slice(ref!.start, ref!.end)).toBe('第六条第二款');
  });
});

describe('chapters', () => {
  it('maps articles to the chapters of the Convention', () => {
    expect([1, 5, 14, 15, 42, 43, 50, 51, 59, 60, 62, 63, 65, 71, 72].map(chapterOf)).toEqual(['I', 'II', 'II', 'III', 'III', 'IV', 'IV', 'V', 'V', 'VI', 'VI', 'VII', 'VIII', 'VIII', null]);
  });
});
