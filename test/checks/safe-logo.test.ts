// The safe-logo check, with its messages pinned, and the SVG scanner on hostile logos.
import { describe, expect, test } from 'vitest';
import { unsafeSvgParts } from '../../src/checks/safe-logo.ts';
import { BOARD, messagesFor } from '../helpers/fixture-registry.ts';

const SAFE =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/></svg>';

test('a safe logo in the board folder passes', () => {
  expect(messagesFor({ [BOARD]: (c) => (c.logo = 'logo.svg'), 'hw.device-type/acme-one/logo.svg': SAFE })).toEqual([]);
});

test('a missing logo file, an unsafe logo and an unreferenced SVG', () => {
  expect(messagesFor({ [BOARD]: (c) => (c.logo = 'logo.svg') })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:16:11 /logo: expected a file "logo.svg" beside contract.json, found no such file (add the SVG to the board folder or remove "logo")",
    ]
  `);
  expect(
    messagesFor({
      [BOARD]: (c) => (c.logo = 'logo.svg'),
      'hw.device-type/acme-one/logo.svg': '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    }),
  ).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:16:11 /logo: expected a static SVG, found an event-handler attribute onload (remove it from the SVG)",
      "contracts/hw.device-type/acme-one/contract.json:16:11 /logo: expected a static SVG, found a <script> element (remove it from the SVG)",
    ]
  `);
  expect(messagesFor({ 'hw.device-type/acme-one/old.svg': SAFE })).toMatchInlineSnapshot(`
    [
      "contracts/hw.device-type/acme-one/contract.json:1:1 /: expected only the SVG named by "logo" in the board folder, found an unreferenced file "old.svg" (set "logo": "old.svg" or remove the file)",
    ]
  `);
});

describe('unsafeSvgParts', () => {
  test.each([
    ['<svg><script>alert(1)</script></svg>', 'a <script> element'],
    ['<svg><foreignObject><div/></foreignObject></svg>', 'a <foreignObject> element'],
    ['<svg onload="x()"/>', 'an event-handler attribute onload'],
    ['<svg><a href="javascript:alert(1)"><rect/></a></svg>', 'a reference href="javascript:alert(1)" that leaves the file'],
    ['<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/x.svg#a"/></svg>', 'a <use> element'],
    ['<svg><image href="https://evil.example/x.png"/></svg>', 'a <image> element'],
    ['<svg><rect style="fill: url(https://evil.example/x)"/></svg>', 'a style that loads or runs something (style)'],
    ['<svg><style>@import url(https://evil.example/x.css);</style></svg>', 'a <style> that loads or runs something'],
    ['<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>', 'a DOCTYPE (entities can pull in outside content)'],
    ['<html><script/></html>', 'a <html> root element instead of <svg>'],
    ['<svg><rect', 'malformed XML'],
  ])('%s', (svg, problem) => {
    expect(unsafeSvgParts(svg).some((p) => p.startsWith(problem))).toBe(true);
  });

  test('a static SVG with internal references is safe', () => {
    expect(unsafeSvgParts(SAFE)).toEqual([]);
  });
});
