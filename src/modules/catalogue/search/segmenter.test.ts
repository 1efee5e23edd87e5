import { documentVector, highlightSnippet, parseSearchTerm } from './segmenter';

describe('segmenter', () => {
  it('writes weighted positions and quotes lexemes for tsvector input', () => {
    expect(documentVector({ A: '举报电话', B: "It's a\\b" })).toBe("'举报':1A '电话':2A '举报电话':3A 'it':4B 's':5B 'a':6B 'b':7B");
    expect(documentVector({ A: '，。！', B: null })).toBeNull();
  });

  it('turns a term into words that match in any order, each as itself or its parts', () => {
    expect(parseSearchTerm('知识产权保护')).toEqual({
      tsquery: "('知识产权' | '知识' & '产权') & '保护'",
      terms: ['知识产权', '知识', '产权', '保护'],
      substring: false,
    });
    expect(parseSearchTerm('电话 举报').tsquery).toBe("'电话' & '举报'");
    expect(parseSearchTerm('12360')).toMatchObject({ tsquery: "'12360'", substring: true });
    expect(parseSearchTerm('的！')).toEqual({ tsquery: null, terms: [], substring: true });
  });

  it('highlights the original text, escaped, around the first hit', () => {
    expect(highlightSnippet('<b>举报</b> 电话', ['举报', '电话'])).toBe('&lt;b&gt;<em>举报</em>&lt;/b&gt; <em>电话</em>');
    const long = '甲'.repeat(100) + '举报' + '乙'.repeat(100);
    const snippet = highlightSnippet(long, ['举报'], 40)!;
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<em>举报</em>');
    expect(highlightSnippet('没有', ['举报'])).toBeNull();
  });
});
