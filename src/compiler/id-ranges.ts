/** A set of rule ids written as `1 2 100-199` or `1,2,100-199` (SecRuleRemoveById, ctl). */
export interface IdRanges {
  has(id: number): boolean;
}

export function parseIdRanges(text: string): IdRanges {
  const singles = new Set<number>();
  const ranges: Array<[number, number]> = [];
  for (const part of text.split(/[\s,]+/)) {
    if (part === '') continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`invalid rule id or range '${part}'`);
    if (m[2] === undefined) singles.add(Number(m[1]));
    else ranges.push([Number(m[1]), Number(m[2])]);
  }
  return {
    // A plain loop: asked once per rule by every SecRuleUpdateTargetById, and by ctl per request.
    has(id) {
      if (singles.has(id)) return true;
      for (let i = 0; i < ranges.length; i++) if (id >= ranges[i]![0] && id <= ranges[i]![1]) return true;
      return false;
    },
  };
}
