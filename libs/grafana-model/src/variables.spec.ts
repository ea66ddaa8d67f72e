import { describe, expect, it } from 'vitest';
import {
  findVariableReferences,
  replaceVariableReferences,
  variableReference,
  variablesUsedIn,
  wholeVariableReference,
} from './variables.js';

describe('findVariableReferences', () => {
  it('reads every spelling with its name, syntax, field path and format', () => {
    // given
    const text = 'a $x b ${y} c ${z:regex} d ${__value.text} e [[w]] f [[v:csv]] g ${__from:date:iso}';

    // when
    const refs = findVariableReferences(text);

    // then
    expect(refs.map(({ text, name, syntax, fieldPath, format }) => ({ text, name, syntax, fieldPath, format }))).toEqual([
      { text: '$x', name: 'x', syntax: 'dollar', fieldPath: undefined, format: undefined },
      { text: '${y}', name: 'y', syntax: 'braces', fieldPath: undefined, format: undefined },
      { text: '${z:regex}', name: 'z', syntax: 'braces', fieldPath: undefined, format: 'regex' },
      { text: '${__value.text}', name: '__value', syntax: 'braces', fieldPath: 'text', format: undefined },
      { text: '[[w]]', name: 'w', syntax: 'brackets', fieldPath: undefined, format: undefined },
      { text: '[[v:csv]]', name: 'v', syntax: 'brackets', fieldPath: undefined, format: 'csv' },
      { text: '${__from:date:iso}', name: '__from', syntax: 'braces', fieldPath: undefined, format: 'date:iso' },
    ]);
    expect(refs.map((r) => text.slice(r.index, r.index + r.text.length))).toEqual(refs.map((r) => r.text));
  });

  it('finds macros as references and nothing in text without one', () => {
    expect(findVariableReferences('rate(x[$__rate_interval])').map((r) => r.name)).toEqual(['__rate_interval']);
    expect(findVariableReferences('sum(rate(x[5m])) $ {a} [[ b ]]')).toEqual([]);
  });

  it('stops a name at the first character that is not a word character', () => {
    expect(findVariableReferences('$__rate_interval_ms $job-name ${a.}').map((r) => r.text)).toEqual(['$__rate_interval_ms', '$job']);
  });
});

describe('replaceVariableReferences', () => {
  it('replaces what the callback answers and keeps the rest as written', () => {
    // given
    const values: Record<string, string> = { job: 'api', ns: 'prod' };

    // when
    const out = replaceVariableReferences('up{job="$job",ns=~"${ns:regex}",x="[[other]]"}[$__interval]', (r) => values[r.name]);

    // then
    expect(out).toBe('up{job="api",ns=~"prod",x="[[other]]"}[$__interval]');
  });

  it('is safe to call again (no state left between calls)', () => {
    const twice = () => replaceVariableReferences('$a $a', () => 'b');
    expect([twice(), twice()]).toEqual(['b b', 'b b']);
  });
});

describe('wholeVariableReference / variableReference', () => {
  it.each([
    ['$ds', 'ds'],
    ['${ds}', 'ds'],
    ['${ds:raw}', 'ds'],
    ['[[ds]]', 'ds'],
  ])('%s is a reference to %s', (text, name) => {
    expect(variableReference(text)).toBe(name);
    expect(wholeVariableReference(text)?.text).toBe(text);
  });

  it.each([['prometheus'], ['$ds suffix'], ['prefix ${ds}'], ['${ds'], ['$ds}']])('"%s" is not one reference', (text) => {
    expect(variableReference(text)).toBeUndefined();
  });

  it('is undefined for a value that is not a string', () => {
    expect(variableReference({ uid: '$ds' })).toBeUndefined();
  });
});

describe('variablesUsedIn', () => {
  it('names dashboard variables once, without macros, built-ins and regex groups', () => {
    expect(variablesUsedIn('$a ${a} [[b:csv]] ${c.x} $__interval ${__value.text} $1 $timeFilter $interval')).toEqual(['a', 'b', 'c']);
  });
});
