/**
 * The SecLang abstract syntax tree. Every node carries the position where it
 * starts in its source file, so that load-time errors and `lint` warnings can
 * name file, line and column.
 */

export interface Position {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

/** One variable of a rule's target list, e.g. `!ARGS:/^foo/` or `&REQUEST_HEADERS:Host`. */
export interface TargetNode {
  pos: Position;
  /** Collection or variable name, upper-cased as ModSecurity treats it (`ARGS`, `TX`, `XML`). */
  collection: string;
  /** The part after the colon, or null. For `XML:/*` this is the XPath `/*`. */
  selector: string | null;
  /** True when the selector is written `/regex/`; `selector` then holds the regex source without slashes. */
  selectorIsRegex: boolean;
  /** `!COLL:key`: remove this key from the rule's targets. */
  negated: boolean;
  /** `&COLL`: the number of values instead of the values. */
  count: boolean;
}

export interface OperatorNode {
  pos: Position;
  /** SecLang name without `@`, e.g. `rx`, `pmFromFile`. An operator without `@` is `rx`. */
  name: string;
  /** The parameter text as written after the name (leading blanks removed), macros unexpanded. */
  param: string;
  /** `!@rx ...` */
  negated: boolean;
}

export interface ActionNode {
  pos: Position;
  /** Action name, lower-cased where ModSecurity is case-insensitive (`t`, `setvar`, `ctl`, ...). */
  name: string;
  /** The value after the first `:`, unquoted (`msg:'a b'` gives `a b`), or null when there is none. */
  value: string | null;
}

export interface SecRuleNode {
  kind: 'SecRule';
  pos: Position;
  targets: TargetNode[];
  operator: OperatorNode;
  actions: ActionNode[];
}

export interface SecActionNode {
  kind: 'SecAction';
  pos: Position;
  actions: ActionNode[];
}

export interface SecMarkerNode {
  kind: 'SecMarker';
  pos: Position;
  label: string;
}

/** `SecDefaultAction "phase:2,log,auditlog,pass"` */
export interface SecDefaultActionNode {
  kind: 'SecDefaultAction';
  pos: Position;
  actions: ActionNode[];
}

/** `SecRuleUpdateTargetById 942100 "!ARGS:foo|REQUEST_HEADERS"` (also ByTag, ByMsg). */
export interface SecRuleUpdateTargetNode {
  kind: 'SecRuleUpdateTarget';
  pos: Position;
  by: 'id' | 'tag' | 'msg';
  /** For `id`: the raw id list/range text (`942100`, `942100-942199`, several separated by spaces). */
  selector: string;
  targets: TargetNode[];
  /** The optional third argument: targets to replace. */
  replaced: TargetNode[] | null;
}

/** `SecRuleUpdateActionById 942100 "t:none,pass"` */
export interface SecRuleUpdateActionNode {
  kind: 'SecRuleUpdateAction';
  pos: Position;
  /** The id argument as written, possibly `id:chainOffset`. */
  selector: string;
  actions: ActionNode[];
}

/** `SecRuleRemoveById 1 2 3-5`, `SecRuleRemoveByTag regex`, `SecRuleRemoveByMsg regex`. */
export interface SecRuleRemoveNode {
  kind: 'SecRuleRemove';
  pos: Position;
  by: 'id' | 'tag' | 'msg';
  /** The arguments as written (ids and ranges for `id`, one pattern for tag/msg). */
  args: string[];
}

/** Every other directive (SecRuleEngine, SecRequestBodyLimit, SecAuditLog...): its name and arguments. */
export interface ConfigDirectiveNode {
  kind: 'Config';
  pos: Position;
  /** Canonical directive name, e.g. `SecRuleEngine`. */
  name: string;
  args: string[];
}

export type DirectiveNode =
  | SecRuleNode
  | SecActionNode
  | SecMarkerNode
  | SecDefaultActionNode
  | SecRuleUpdateTargetNode
  | SecRuleUpdateActionNode
  | SecRuleRemoveNode
  | ConfigDirectiveNode;

/** The whole configuration, Includes expanded in place, in file order. */
export interface ConfigAst {
  directives: DirectiveNode[];
  /** Every file read, main file first. */
  files: string[];
}
