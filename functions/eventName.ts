import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isArray, isString } from './lib/guards';
import { messageName, messageTarget, type EventsContext } from './lib/asyncapi';

export interface EventNameOptions {
  irregular?: string[];
  allow?: string[];
}

/** Irregular past forms (simple past and past participle) accepted as past tense. */
export const DEFAULT_IRREGULAR_PAST = [
  'arisen', 'awoken', 'beaten', 'become', 'begun', 'bent', 'bet', 'bid', 'bitten', 'blown', 'born', 'bound',
  'broken', 'brought', 'built', 'burnt', 'burst', 'bought', 'cast', 'caught', 'chosen', 'clung', 'come', 'cost',
  'crept', 'cut', 'dealt', 'done', 'drawn', 'dreamt', 'driven', 'drunk', 'dug', 'dwelt', 'eaten', 'fallen', 'fed',
  'felt', 'fled', 'flown', 'forbidden', 'forecast', 'forgiven', 'forgotten', 'fought', 'found', 'frozen', 'given',
  'gone', 'gotten', 'got', 'ground', 'grown', 'heard', 'held', 'hidden', 'hit', 'hung', 'hurt', 'kept', 'knelt',
  'known', 'laid', 'leapt', 'learnt', 'led', 'left', 'lent', 'let', 'lit', 'lost', 'made', 'meant', 'met',
  'mistaken', 'mown', 'overridden', 'overrun', 'overseen', 'overtaken', 'overthrown', 'overwritten', 'paid',
  'proven', 'put', 'quit', 'read', 'rebuilt', 'recast', 'redone', 'remade', 'rerun', 'reread', 'reset', 'resent',
  'resold', 'retaken', 'rethought', 'rewritten', 'rewound', 'ridden', 'risen', 'run', 'rung', 'said', 'sat', 'seen',
  'sent', 'set', 'sewn', 'shaken', 'shed', 'shone', 'shot', 'shown', 'shrunk', 'shut', 'slept', 'slid', 'sold',
  'sought', 'spent', 'spilt', 'split', 'spoken', 'spread', 'sprung', 'spun', 'stolen', 'stood', 'struck', 'stuck',
  'stung', 'sunk', 'sung', 'swept', 'sworn', 'swum', 'swung', 'taken', 'taught', 'thought', 'thrown', 'told',
  'torn', 'understood', 'undergone', 'undone', 'unbound', 'upheld', 'upset', 'withdrawn', 'withheld', 'woken',
  'won', 'worn', 'wound', 'written', 'wrung',
  // simple past forms
  'ate', 'began', 'bit', 'blew', 'broke', 'came', 'chose', 'did', 'drew', 'drove', 'fell', 'flew', 'forgave',
  'forgot', 'froze', 'gave', 'grew', 'hid', 'knew', 'ran', 'rang', 'rode', 'rose', 'sang', 'sank', 'saw', 'shook',
  'spoke', 'stole', 'swore', 'threw', 'took', 'tore', 'went', 'withdrew', 'woke', 'wore', 'wrote', 'undid',
  // business and compound forms
  'broadcast', 'foreseen', 'foresaw', 'misled', 'mistook', 'outgrown', 'overdrawn', 'overheard', 'overtook',
  'sped', 'slain', 'sown', 'strove', 'swollen', 'undertaken', 'undertook', 'underwent', 'underwritten',
  'underwrote', 'wept', 'woven',
];

/** Words ending in -ed that are not past forms. */
const NOT_PAST = new Set([
  'bed', 'red', 'shed', 'sled', 'need', 'feed', 'seed', 'speed', 'breed', 'bleed', 'weed', 'heed', 'deed', 'reed',
  'steed', 'greed', 'creed', 'proceed', 'succeed', 'exceed', 'embed', 'feed', 'hundred', 'sacred', 'naked',
  'wicked', 'kindred', 'rssfeed', 'newsfeed',
]);

/** Prefixes that keep a past form past: prepaid, overpaid, repaid, oversold, unfrozen, misread. */
const PAST_PREFIXES = /^(re|pre|over|under|mis|un)(.{4,})$/;

export function isPastTense(word: string, irregular: ReadonlySet<string>): boolean {
  const w = word.toLowerCase();
  if (irregular.has(w)) return true;
  if (w.length >= 4 && w.endsWith('ed') && !NOT_PAST.has(w)) return true;
  const prefixed = PAST_PREFIXES.exec(w);
  return prefixed !== null && prefixed[2] !== 'come' && irregular.has(prefixed[2]);
}

/** Particles of phrasal verbs: the verb before them carries the tense (UserSignedUp, order.picked_up). */
const PARTICLES = new Set(['up', 'in', 'out', 'off', 'down', 'over', 'back', 'on', 'away', 'through']);

/** True when the words end in a past-tense verb, optionally followed by a phrasal particle. */
function endsInPastTense(words: readonly string[], irregular: ReadonlySet<string>): boolean {
  const last = words[words.length - 1];
  if (last !== undefined && isPastTense(last, irregular)) return true;
  if (words.length < 2 || last === undefined || !PARTICLES.has(last.toLowerCase())) return false;
  return isPastTense(words[words.length - 2], irregular);
}

const DOTTED = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*)+$/;
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

function camelWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** Why the name is not an event name, or undefined when it is one. */
export function eventNameProblem(name: string, irregular: ReadonlySet<string>): string | undefined {
  if (DOTTED.test(name)) {
    const segments = name.split('.');
    if (/^v\d+$/.test(segments[segments.length - 1])) segments.pop();
    if (segments.length < 2) return 'is dotted but has no domain.action (e.g. order.placed.v1)';
    const action = segments[segments.length - 1];
    const words = action.split(/[_-]/);
    if (!endsInPastTense(words, irregular)) return `has the action "${action}", which is not in the past tense (e.g. order.placed.v1)`;
    return undefined;
  }
  if (PASCAL.test(name)) {
    const base = name.replace(/(?<=[a-z0-9])V\d+$/, '');
    const words = camelWords(base);
    const last = words[words.length - 1] ?? base;
    if (!endsInPastTense(words.length > 0 ? words : [base], irregular)) return `does not end in a past-tense verb ("${last}"; e.g. OrderPlaced)`;
    return undefined;
  }
  return 'is neither PascalCase (OrderPlaced) nor dotted lowercase (order.placed.v1)';
}

/**
 * `event-name`: the message name (3.x its key, 2.x `name` else `messageId`) is PascalCase past
 * tense or dotted lowercase `domain.action[.vN]` with a past-tense action.
 * Given: every message (MESSAGE_GIVEN).
 */
export const eventName = defineFunction<unknown, EventNameOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: {
        irregular: { type: 'array', items: { type: 'string' } },
        allow: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
  },
  function eventName(targetVal, options, context): IFunctionResult[] {
    const target = messageTarget(targetVal, context as unknown as EventsContext);
    if (!target) return [];
    const name = messageName(target);
    if (!name) return [];
    const allow = isArray(options?.allow) ? options.allow.filter(isString) : [];
    if (allow.includes(name.value)) return [];
    const irregularList = isArray(options?.irregular) ? options.irregular : DEFAULT_IRREGULAR_PAST;
    const irregular = new Set(irregularList.filter(isString).map((w) => w.toLowerCase()));
    const issue = eventNameProblem(name.value, irregular);
    if (!issue) return [];
    const what = name.source === 'key' ? 'message key' : name.source === 'name' ? 'message name' : 'messageId';
    return [
      {
        message: `Event ${what} "${name.value}" ${issue}; name events after what happened, in the past tense: PascalCase (OrderPlaced) or dotted lowercase domain.action[.vN] (order.placed.v1), or add it to the rule's "allow" option.`,
        path: name.path,
      },
    ];
  },
);

export default eventName;
