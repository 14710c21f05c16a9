/**
 * The internalized copy of a key read from rule text (V8 keeps one flat copy per content). Keys
 * sliced out of a rule file are SlicedStrings into the whole file: a Map compares them with the
 * stored key char by char through the parent (~40 ns a look-up against ~9 for the same
 * internalized string), and they keep the file's text alive. Load time only.
 */
export function intern(key: string): string {
  // property names are internalized; an array index such as '10' comes back flat, not interned
  return Object.keys({ [key]: 0 })[0]!;
}
