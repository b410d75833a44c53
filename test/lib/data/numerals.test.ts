import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NumeralReader } from '../../../lib/data/numerals.js';

const reader = new NumeralReader();
const read = (text: string) => (reader.read(text, 0, text.length) ? reader.value : text);

test('plain decimal numerals, as data exports write them, read as their numbers', () => {
  for (const [text, value] of [
    ['0', 0], ['42', 42], ['-4.76548', -4.76548], ['69.99995', 69.99995], ['1.50', 1.5], ['27.72810', 27.7281], ['-0', -0],
    ['0.0000001', 1e-7], ['123456789012345', 123456789012345], ['0.30000000000000004', 0.30000000000000004],
    ['1e-05', 1e-5], ['2.5E+3', 2500], ['0e0', 0], ['12345678901234567890', 12345678901234567000],
  ] as const) assert.equal(read(text), value, text);
});

test('codes, signs, bare dots, spaces and special words stay text', () => {
  for (const text of ['007', '00', '+5', '.5', '5.', ' 5', '5 ', '0x10', 'NaN', 'Infinity', '-', '1-2', '1.2.3', '1e', '1e+', 'e5', '1e5x', '1e400']) {
    assert.equal(read(text), text, text);
  }
});

test('every numeral read equals Number(text) (property check over random strings)', () => {
  let state = 7;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = '0123456789.-eE+';
  let numbers = 0;
  for (let i = 0; i < 200_000; i++) {
    const length = 1 + Math.floor(rand() * 20);
    let text = '';
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(rand() * (rand() < 0.8 ? 10 : alphabet.length))];
    const value = read(text);
    if (typeof value === 'number') {
      numbers++;
      assert.equal(value, Number(text), text);
    } else assert.equal(value, text);
  }
  assert.ok(numbers > 20_000, `only ${numbers} numerals generated`);
});

test('a field is read in place inside its line', () => {
  const line = 'a,-12.5,b';
  assert.equal(reader.read(line, 2, 7), true);
  assert.equal(reader.value, -12.5);
  assert.equal(reader.read(line, 8, 9), false);
});
