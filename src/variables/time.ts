import type { VariableDefinition } from './types.js';
import { scalar } from './derive.js';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** TIME*: the transaction's start time, local time as ModSecurity gives it. */
export const timeVariables: VariableDefinition[] = [
  scalar('TIME', (tx) => `${pad(tx.startDate.getHours())}:${pad(tx.startDate.getMinutes())}:${pad(tx.startDate.getSeconds())}`),
  scalar('TIME_EPOCH', (tx) => String(Math.floor(tx.startDate.getTime() / 1000))),
  scalar('TIME_YEAR', (tx) => String(tx.startDate.getFullYear())),
  scalar('TIME_MON', (tx) => pad(tx.startDate.getMonth() + 1)),
  scalar('TIME_DAY', (tx) => pad(tx.startDate.getDate())),
  scalar('TIME_HOUR', (tx) => pad(tx.startDate.getHours())),
  scalar('TIME_MIN', (tx) => pad(tx.startDate.getMinutes())),
  scalar('TIME_SEC', (tx) => pad(tx.startDate.getSeconds())),
  scalar('TIME_WDAY', (tx) => String(tx.startDate.getDay())),
];
