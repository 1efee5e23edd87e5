import { childPathOf, exactPattern, isInSubtree, parentPathOf, selfAndAncestorPaths, subtreePattern, unitIdsOfPath } from './org-path';

describe('materialised paths', () => {
  it('walks up and down the tree', () => {
    expect(childPathOf('/1/4/', 9)).toBe('/1/4/9/');
    expect(parentPathOf('/1/4/9/')).toBe('/1/4/');
    expect(parentPathOf('/1/')).toBeNull();
    expect(selfAndAncestorPaths('/1/4/9/')).toEqual(['/1/', '/1/4/', '/1/4/9/']);
    expect(unitIdsOfPath('/1/4/9/')).toEqual([1, 4, 9]);
  });

  it('counts a unit in its own subtree, never a sibling whose id shares a prefix', () => {
    expect(isInSubtree('/1/4/', '/1/4/')).toBe(true);
    expect(isInSubtree('/1/4/9/', '/1/4/')).toBe(true);
    expect(isInSubtree('/1/44/', '/1/4/')).toBe(false);
    expect(isInSubtree('/1/', '/1/4/')).toBe(false);
  });

  it('makes LIKE patterns that take the path literally', () => {
    expect(subtreePattern('/1/4/')).toBe('/1/4/%');
    expect(exactPattern('/1/4/')).toBe('/1/4/');
    expect(subtreePattern('/a_b%c\\/')).toBe('/a\\_b\\%c\\\\/%');
  });
});
